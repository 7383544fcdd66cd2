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

    /// An audit done ahead: the release key it audited and its result.
    public struct EarlyAudit: Sendable {
        public var pin: AuditPin
        public var key: String
        /// The vulnerability services' answer it used (local services only; nil: none asked).
        public var vulnerabilities: [Vulnerability]?
        public var result: PackageAuditResult
    }

    /// Audits `pins` at their pinned versions before the closure walk has said which packages and
    /// keys it needs (see `run`'s `early`): they use the core the walk leaves idle. Only answers
    /// the index gave are returned.
    /// `osv`: the answers of local vulnerability services for these pins, when there are any.
    public func audits(of pins: [AuditPin], osv: [String: [Vulnerability]] = [:]) async -> [String: EarlyAudit] {
        let results = await windowed(pins.map { ($0, $0.version) }) { pin, key in
            await audit(pin, key: key, osv: osv[pin.name]).map { EarlyAudit(pin: pin, key: key, vulnerabilities: osv[pin.name], result: $0) }
        }
        var out: [String: EarlyAudit] = [:]
        for case .success(let early) in results { out[early.pin.name] = early }
        return out
    }

    /// Audits every pinned package of `packages`; `walkedVersions` maps a name to the release key the
    /// closure walked (the pin as the index keys it). `pins` carry the hashes and locations from the files.
    /// An `early` audit of the same pin at the same key is used as it is (`audit` is a pure function
    /// of what the index said, and the memo gives the same answers).
    public func run(packages: [PackageReport], pins: [String: AuditPin], walkedVersions: [String: String],
                    osv: [String: [Vulnerability]] = [:], early: [String: EarlyAudit] = [:]) async -> Outcome {
        let pinned = packages.indices.filter { packages[$0].version != nil }
        let work = pinned.map { i -> (AuditPin, String) in
            let p = packages[i], version = p.version!
            let pin = pins[p.name] ?? AuditPin(name: p.name, version: version, location: p.location)
            return (pin, walkedVersions[p.name] ?? version)
        }
        let results = await windowed(work) { pin, key -> Result<PackageAuditResult, IndexFailure> in
            if let done = early[pin.name], done.pin == pin, done.key == key, done.vulnerabilities == osv[pin.name] { return .success(done.result) }
            return await audit(pin, key: key, osv: osv[pin.name])
        }
        var updated = packages
        var findings: [Finding] = []
        var incomplete = false
        var audited: [(package: String, result: PackageAuditResult)] = []
        for (i, result) in zip(pinned, results) {
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

    /// The audit of one pin from the index's project document and the key's metadata.
    private func audit(_ pin: AuditPin, key: String, osv: [Vulnerability]?) async -> Result<PackageAuditResult, IndexFailure> {
        let project: ProjectFacts
        switch await index.projectOnce(pin.name) {
        case .success(let p): project = p
        case .failure(let f): return .failure(f)
        }
        var metadata: VersionMetadata?
        if case .success(let m) = await index.metadata(pin.name, version: key) { metadata = m }
        return .success(PackageAudit.audit(pin, project: project, metadata: metadata, osvVulnerabilities: osv, options: options))
    }

    /// `body` over `items`, `window` at a time rather than one task each: a project's record is
    /// read, audited and let go before the next is read, so a run over hundreds of projects reuses
    /// the same memory instead of holding every record at once (which made the kernel's page-fault
    /// and heap-growth work the larger part of a warm audit). Results in the order of `items`.
    private func windowed<Value: Sendable>(
        _ items: [(AuditPin, String)], _ body: @escaping @Sendable (AuditPin, String) async -> Value
    ) async -> [Value] {
        await withTaskGroup(of: (Int, Value).self) { group in
            var pending = items.enumerated().makeIterator()
            func start(_ next: (offset: Int, element: (AuditPin, String))) {
                group.addTask { (next.offset, await body(next.element.0, next.element.1)) }
            }
            for _ in 0..<window { if let next = pending.next() { start(next) } }
            var out: [(Int, Value)] = []
            out.reserveCapacity(items.count)
            for await result in group {
                out.append(result)
                if let next = pending.next() { start(next) }
            }
            return out.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}
