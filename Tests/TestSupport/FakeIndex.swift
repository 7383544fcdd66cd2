import PinAuditCore

/// An in-memory `PackageIndex` for analysis tests (pip-tools' fake index idea): projects with
/// releases and per-version `Requires-Dist`, plus injected failures.
public struct FakeIndex: PackageIndex {
    public var projects: [String: ProjectFacts] = [:]
    public var metadata: [String: VersionMetadata] = [:]
    public var failures: [String: IndexFailure] = [:]

    public init() {}

    /// Adds a release of `name` with one wheel, its dependencies and optional facts.
    public mutating func add(_ name: String, _ version: String, requires: [String] = [], requiresPython: String? = nil,
                             yanked: Bool = false, yankedReason: String? = nil, uploaded: String = "2024-01-01T00:00:00Z",
                             sha256: String? = nil, vulnerabilities: [Vulnerability]? = [], extraFiles: Int = 0) {
        let canonical = name.lowercased().replacingAll("_", "-").replacingAll(".", "-")
        let digest = sha256 ?? String(repeating: String(canonical.count % 10), count: 8) + version
        var files = [ReleaseFile(filename: "\(canonical.replacingAll("-", "_"))-\(version)-py3-none-any.whl", packageType: "bdist_wheel",
                                 url: "https://files.example/\(canonical)-\(version).whl", yanked: yanked, yankedReason: yankedReason,
                                 uploadTime: uploaded, requiresPython: requiresPython, sha256: digest, hasCoreMetadata: true)]
        for i in 0..<extraFiles {
            files.append(ReleaseFile(filename: "\(canonical)-\(version)-cp3\(i)-linux.whl", packageType: "bdist_wheel",
                                     url: "https://files.example/\(canonical)-\(version)-\(i).whl", yanked: yanked,
                                     uploadTime: uploaded, requiresPython: requiresPython, sha256: digest + "\(i)"))
        }
        var project = projects[canonical] ?? ProjectFacts(name: name, releases: [])
        project.releases.append(ReleaseFacts(version: version, files: files))
        project.latestVersion = version
        projects[canonical] = project
        metadata["\(canonical)==\(version)"] = VersionMetadata(name: name, version: version, requiresDist: requires,
                                                              requiresPython: requiresPython, vulnerabilities: vulnerabilities)
    }

    public func project(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure> {
        if let failure = failures[canonicalName] { return .failure(failure) }
        return projects[canonicalName].map { .success($0) } ?? .failure(.notFound)
    }

    public func metadata(_ canonicalName: String, version: String) async -> Result<VersionMetadata, IndexFailure> {
        if let failure = failures[canonicalName] { return .failure(failure) }
        return metadata["\(canonicalName)==\(version)"].map { .success($0) } ?? .failure(.notFound)
    }
}

extension String {
    func replacingAll(_ a: String, _ b: String) -> String { split(separator: a, omittingEmptySubsequences: false).joined(separator: b) }
}
