/// Remembers every index answer of one run, so a package is asked about once however often the
/// closure walk meets it; concurrent askers of the same key share one request.
public actor IndexMemo: PackageIndex {
    private let index: PackageIndex
    private var projects: [String: Task<Result<ProjectFacts, IndexFailure>, Never>] = [:]
    private var metadata: [String: Task<Result<VersionMetadata, IndexFailure>, Never>] = [:]

    public init(_ index: PackageIndex) { self.index = index }

    public func project(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure> {
        if let task = projects[canonicalName] { return await task.value }
        let index = self.index
        let task = Task { await index.project(canonicalName) }
        projects[canonicalName] = task
        return await task.value
    }

    public func projectOnce(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure> {
        if let task = projects[canonicalName] { return await task.value }
        let index = self.index
        return await index.projectOnce(canonicalName)
    }

    public func metadata(_ canonicalName: String, version: String) async -> Result<VersionMetadata, IndexFailure> {
        let key = canonicalName + "==" + version
        if let task = metadata[key] { return await task.value }
        let index = self.index
        let task = Task { await index.metadata(canonicalName, version: version) }
        metadata[key] = task
        return await task.value
    }

    /// The project documents fetched so far (for reports that reuse them).
    public func knownProjects() async -> [String: ProjectFacts] {
        var out: [String: ProjectFacts] = [:]
        for (name, task) in projects { if case .success(let p) = await task.value { out[name] = p } }
        return out
    }
}
