/// The run every command shares, as typed stages over values (the shape of swift-openapi-generator's
/// pipeline): settings → inputs → index (closure, audit, vulnerability services) → policy → report.
/// The disk, the index and the observer are handed in, so the stages stay pure over them.
public struct RunPipeline: Sendable {
    public var fileSystem: any RunFileSystem
    /// The process environment (`${VAR}` in requirements files, `PINAUDIT_` index limits).
    public var environment: [String: String]
    public var connector: any IndexConnector
    public var observer: any RunObserver
    public var today: CalendarDay

    public init(fileSystem: any RunFileSystem, environment: [String: String], connector: any IndexConnector,
                observer: any RunObserver, today: CalendarDay) {
        self.fileSystem = fileSystem; self.environment = environment; self.connector = connector
        self.observer = observer; self.today = today
    }

    public func run(_ request: RunRequest) async throws -> RunResult {
        let inputs = try readInputs(request)
        let indexed = request.useIndex ? try await consultIndex(inputs, request: request) : pinningOnly(inputs)
        return RunResult(report: applyPolicy(inputs, indexed, request: request), inputs: inputs, indexed: indexed)
    }

    /// Stage 1: the configuration, the settings resolved against it, and the inputs read.
    public func readInputs(_ request: RunRequest) throws -> RunInputs {
        let configuration = try ConfigurationLoader(fileSystem: fileSystem).load(configPath: request.flags.configPath)
        let settings = RunSettings.resolve(request.flags, configuration: configuration, environment: environment)
        let reading = try InputReader(fileSystem: fileSystem, environment: environment)
            .read(paths: request.flags.paths, constraints: request.flags.constraints, command: request.command.rawValue)
        observer.filesRead(reading.files)
        return RunInputs(settings: settings, reading: reading, targets: settings.targets(implied: reading.impliedPythonVersion), today: today)
    }

    /// Stage 2 without the index (`check --no-index`): the files' own findings.
    func pinningOnly(_ inputs: RunInputs) -> IndexedRun {
        let reading = inputs.reading
        let allowance = UnpinnedAllowance(configuration: inputs.settings.configuration, entries: reading.entries)
        return IndexedRun(packages: nil,
                          findings: reading.findings + VersionSkewAnalysis.findings(for: reading.entries)
                              + PinningAnalysis.findings(for: reading.entries, targets: inputs.targets.environments, allowUnpinned: allowance))
    }

    /// Stage 3: lock freshness, de-duplication and the configuration's ignores, into the report.
    func applyPolicy(_ inputs: RunInputs, _ indexed: IndexedRun, request: RunRequest) -> Report {
        let configuration = inputs.settings.configuration
        let reading = inputs.reading
        var findings = indexed.findings
        findings += LockFreshnessAnalysis.findings(declarations: reading.declarations.filter { !configuration.allowsUnpinned($0) || $0.lockedBy != nil },
                                                   entries: reading.entries, targets: inputs.targets.environments,
                                                   projectNames: reading.projectNames, inputMismatches: reading.lockInputMismatches)
        findings = FindingDeduplication.deduplicated(findings)
        findings = configuration.applying(to: findings, today: inputs.today, reportingUnusedIgnores: request.audits && !indexed.incomplete)
        return Report(command: request.command.rawValue, files: reading.files, requirements: reading.entries + reading.declarations,
                      packages: indexed.packages, findings: findings, incomplete: indexed.incomplete, notes: indexed.notes,
                      targets: inputs.targets.labels)
    }
}

/// One finding per rule and package for the rules the closure and the audit may both report (a
/// missing version, an index that did not answer).
public enum FindingDeduplication {
    static let rules: Set<Rule> = [.unknownPackage, .unknownVersion, .indexError, .metadataUnavailable]

    public static func deduplicated(_ findings: [Finding]) -> [Finding] {
        var seen: Set<String> = []
        return findings.filter { finding in
            guard rules.contains(finding.rule) else { return true }
            return seen.insert("\(finding.rule.rawValue)|\(finding.package ?? "")").inserted
        }
    }
}
