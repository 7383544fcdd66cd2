/// Runs the per-package audit over the closure: asks the index for each pinned package's project
/// document and version metadata (through the run's memo, which shares what the walk already
/// has) and hands them to `PackageAudit`.
public struct AuditAnalysis: Sendable {
    public let index: IndexMemo
    public let options: AuditOptions

    /// How many packages are audited at once (see `run`): wider than the index's concurrent
    /// transfers, so that projects still to be fetched keep every transfer busy.
    public let window: Int

    public init(index: IndexMemo, options: AuditOptions, window: Int = 32) {
        self.index = index
        self.options = options
        self.window = max(1, window)
    }

    public struct Outcome: Sendable {
        public var packages: [PackageReport]
        public var findings: [Finding]
        public var notes: [String]
        public var incomplete: Bool
    }

    /// Audits every pinned package of `packages`; `walkedVersions` maps a name to the release key the
    /// closure walked (the pin as the index keys it). `pins` carry the hashes and locations from the files.
    public func run(packages: [PackageReport], pins: [String: AuditPin], walkedVersions: [String: String],
                    osv: [String: [Vulnerability]] = [:]) async -> Outcome {
        let work = packages.enumerated().compactMap { (i, p) -> (Int, AuditPin, String)? in
            guard let version = p.version else { return nil }
            let pin = pins[p.name] ?? AuditPin(name: p.name, version: version, location: p.location)
            return (i, pin, walkedVersions[p.name] ?? version)
        }
        // A window of packages at a time rather than one task each: a project's record is read,
        // audited and let go before the next is read, so a run over hundreds of projects reuses the
        // same memory instead of holding every record at once (which made the kernel's page-fault
        // and heap-growth work the larger part of a warm audit). The window is wide enough for the
        // index's concurrent transfers when the projects have to be fetched.
        let results: [(Int, Result<PackageAuditResult, IndexFailure>)] = await withTaskGroup(of: (Int, Result<PackageAuditResult, IndexFailure>).self) { group in
            var pending = work.makeIterator()
            func start(_ item: (Int, AuditPin, String)) {
                let (i, pin, key) = item
                group.addTask {
                    let project: ProjectFacts
                    switch await index.projectOnce(pin.name) {
                    case .success(let p): project = p
                    case .failure(let f): return (i, .failure(f))
                    }
                    var metadata: VersionMetadata?
                    if case .success(let m) = await index.metadata(pin.name, version: key) { metadata = m }
                    let result = PackageAudit.audit(pin, project: project, metadata: metadata,
                                                    osvVulnerabilities: osv[pin.name], options: options)
                    return (i, .success(result))
                }
            }
            for _ in 0..<window { if let item = pending.next() { start(item) } }
            var out: [(Int, Result<PackageAuditResult, IndexFailure>)] = []
            for await r in group {
                out.append(r)
                if let item = pending.next() { start(item) }
            }
            return out.sorted { $0.0 < $1.0 }
        }
        var updated = packages
        var findings: [Finding] = []
        var incomplete = false
        var audited: [(package: String, result: PackageAuditResult)] = []
        for (i, result) in results {
            switch result {
            case .success(let r):
                updated[i].fill(from: r)
                findings += r.findings
                audited.append((updated[i].name, r))
            case .failure(let failure):
                // The closure walk already reported packages the index could not answer for.
                if failure.leavesReportIncomplete { incomplete = true }
            }
        }
        return Outcome(packages: updated, findings: findings,
                       notes: PackageAudit.reportNotes(audited, source: options.vulnerabilitySource), incomplete: incomplete)
    }
}
