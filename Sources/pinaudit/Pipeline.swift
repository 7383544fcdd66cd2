import ArgumentParser
import Foundation
import PackageIndexClient
import PinAuditCore
import PythonPackaging

/// The run every command shares: configuration → sources → pin rule → closure (index) → audit.
/// Each step is a pure analysis in PinAuditCore; this only wires them and owns the I/O.
struct Pipeline {
    var report: ReportOptions
    var targets: TargetOptions
    var index: IndexOptions
    var configPath: String?
    /// `audit`'s flags; nil and false leave the configuration and the files to decide.
    var vulnerabilitySource: VulnerabilitySource?
    var vulnerabilityFailOn: VulnerabilityThreshold?
    var requireHashes = false
    /// `--vuln-db`: a local OSV database (ZIP or folder).
    var vulnerabilityDatabase: String?
    /// `--ignore-vuln`: vulnerability ids or aliases to ignore, without a configuration file.
    var ignoredVulnerabilities: [String] = []

    /// Everything a command may need after the shared steps.
    struct Run {
        var report: Report
        var reading: SourceReading
        var configuration: Configuration
        var environments: [MarkerEnvironment]
        var pythons: [String]
        var memo: IndexMemo?
        var client: IndexClient?
        var closure: ClosureResult?
        var today: CalendarDay
    }

    func loadConfiguration() throws -> Configuration { try Self.loadConfiguration(configPath: configPath) }

    /// The configuration file named by `configPath`, else the one found from the working directory upward.
    static func loadConfiguration(configPath: String?) throws -> Configuration {
        let reader = DiskReader()
        if let configPath {
            let bytes: [UInt8]
            do { bytes = try reader.read(configPath) } catch { throw InputFailure("cannot read the configuration file \(configPath): \(error).") }
            do {
                return try ConfigurationParser.parse(String(decoding: bytes, as: UTF8.self), file: configPath)
                    ?? { throw InputFailure("\(configPath) has no [tool.pinaudit] table.") }()
            } catch let error as ConfigurationError { throw InputFailure("\(error)") }
        }
        for candidate in ConfigLocator.candidates(from: FileManager.default.currentDirectoryPath) where reader.exists(candidate) {
            guard let bytes = try? reader.read(candidate) else { continue }
            do {
                if let config = try ConfigurationParser.parse(String(decoding: bytes, as: UTF8.self), file: SourceLoader().display(candidate)) {
                    return config
                }
            } catch let error as ConfigurationError { throw InputFailure("\(error)") }
        }
        return .defaults
    }

    func run(command: String, paths: [String], constraints: [String], useIndex: Bool, audit: Bool) async throws -> Run {
        let printer = ReportPrinter(options: report)
        var configuration = try loadConfiguration()
        if let vulnerabilityFailOn { configuration.vulnFailOn = vulnerabilityFailOn }
        for id in ignoredVulnerabilities {
            configuration.ignores.append(IgnoreRule(rule: .vulnerable, id: id, reason: "--ignore-vuln on the command line"))
        }
        let loader = SourceLoader()
        var files = paths, constraintFiles = constraints
        if files.isEmpty && constraintFiles.isEmpty {
            (files, constraintFiles) = loader.discover()
            if files.isEmpty && constraintFiles.isEmpty {
                throw InputFailure("no requirements file found in \(loader.cwd): name one, e.g. `pinaudit \(command) requirements.txt`.")
            }
        }
        let reading = try loader.load(files, constraints: constraintFiles)
        printer.info("pinaudit: read \(reading.files.joined(separator: ", "))")

        var targetOptions = targets
        if targetOptions.pythonVersions.isEmpty, let fromConfig = configuration.pythonVersions { targetOptions.pythonVersions = fromConfig }
        if targetOptions.platforms.isEmpty, let fromConfig = configuration.platforms { targetOptions.platforms = fromConfig }
        let (envs, labels, pythons) = targetOptions.environments(implied: reading.impliedPythonVersion)
        let today = CalendarDay(Date())

        var findings = reading.findings + VersionSkewAnalysis.findings(for: reading.entries)
        var packages: [PackageReport]?
        var incomplete = false
        var notes: [String] = []
        var memo: IndexMemo?
        var client: IndexClient?
        var closure: ClosureResult?

        if useIndex {
            let bar = ProgressBar(enabled: !report.quiet && report.format == .text && isatty(STDERR_FILENO) == 1)
            var options = IndexClientOptions.resolve(
                indexURL: index.indexURL ?? configuration.indexURL,
                extraIndexURLs: index.extraIndexURLs.isEmpty ? configuration.extraIndexURLs : index.extraIndexURLs,
                requirementsIndexURL: reading.options.indexURL, requirementsExtraIndexURLs: reading.options.extraIndexURLs,
                cacheDir: index.cacheDir, refresh: index.refresh, offline: index.offline)
            options.maxAge = IndexOptions.seconds(index.maxAge) ?? 900
            options.maxConcurrentRequests = index.maxConcurrent
            options.limits = try indexLimits(configuration)
            options.progress = { bar.handle($0) }
            let indexClient = IndexClient(options: options)
            bar.bytes = { indexClient.statistics.bytesDownloaded }
            client = indexClient
            let runMemo = IndexMemo(indexClient)
            memo = runMemo
            // The audit's settings and pins come from the files and the configuration alone, so the
            // files' pins are audited while the closure is walked, on the core the walk leaves idle
            // (OSV's answers, when asked for, come after the walk: no head start then).
            var auditing: (auditor: AuditAnalysis, pins: [String: AuditPin], early: Task<[String: AuditAnalysis.EarlyAudit], Never>?,
                           services: [any VulnerabilityService])?
            if audit {
                var pins: [String: AuditPin] = [:]
                for entry in reading.entries where !entry.isConstraint {
                    if let pin = AuditPin(entry: entry), pins[pin.name] == nil { pins[pin.name] = pin }
                }
                let requireHashes = self.requireHashes || AuditOptions.hashCheckingMode(reading.options, entries: reading.entries)
                var auditOptions = configuration.auditOptions(today: today, requireHashes: requireHashes, defaultPythonVersions: pythons)
                if let vulnerabilitySource { auditOptions.vulnerabilitySource = vulnerabilitySource }
                let auditor = AuditAnalysis(index: runMemo, options: auditOptions, window: max(32, 2 * index.maxConcurrent))
                let database = LocalOSVDatabase.resolve(flag: vulnerabilityDatabase, configured: configuration.vulnDatabase,
                                                        cacheDirectory: options.cacheDirectory)
                let services = VulnerabilityServiceRegistry.services(
                    auditOptions.vulnerabilitySource.serviceNames(databaseAvailable: database != nil),
                    context: VulnerabilityServiceContext(offline: index.offline, osvURL: configuration.osvURL, database: database,
                                                         cacheDirectory: options.cacheDirectory, maxConcurrent: index.maxConcurrent,
                                                         indexClient: indexClient))
                var early: Task<[String: AuditAnalysis.EarlyAudit], Never>?
                // Local services (the OSV database) answer at once: asked for the head start too.
                if VulnerabilityServiceGroup(services).isLocal {
                    let applicable = Set(reading.entries.filter { !$0.isConstraint && PinningAnalysis.isApplicable($0, targets: envs) }
                        .compactMap { AuditPin(entry: $0)?.name })
                    let headStart = applicable.compactMap { pins[$0] }
                    early = Task(priority: .utility) {
                        let local = services.isEmpty ? [:] : await VulnerabilityServiceGroup(services)
                            .vulnerabilities(for: headStart.map { VulnerabilityQuery(name: $0.name, version: $0.version) }).vulnerabilities
                        return await auditor.audits(of: headStart, osv: local)
                    }
                }
                auditing = (auditor, pins, early, services)
            }
            let walk = await ClosureAnalysis(index: runMemo, options: .init(targets: envs, pythons: pythons,
                                                                          allowPrereleases: reading.options.pre,
                                                                          knownDependencies: reading.lockDependencies)).run(entries: reading.entries)
            closure = walk
            packages = walk.packages
            findings += PinningAnalysis.findings(for: reading.entries, targets: envs, allowUnpinned: allowed(configuration, reading),
                                                 suggestions: walk.suggestions)
            findings += walk.findings
            incomplete = walk.incomplete
            if let (auditor, pins, early, services) = auditing {
                var osv: [String: [Vulnerability]] = [:]
                if !services.isEmpty {
                    // Every pinned package of the closure, at the version the walk used.
                    let queries = walk.packages.compactMap { package in
                        package.version.map { VulnerabilityQuery(name: package.name, version: walk.walkedVersions[package.name] ?? $0) }
                    }
                    let answer = await VulnerabilityServiceGroup(services).vulnerabilities(for: queries)
                    osv = answer.vulnerabilities
                    findings += answer.failures
                    if !answer.failures.isEmpty { incomplete = true }
                }
                let outcome = await auditor.run(packages: walk.packages, pins: pins, walkedVersions: walk.walkedVersions,
                                                osv: osv, early: await early?.value ?? [:])
                packages = outcome.packages
                findings += outcome.findings
                notes += outcome.notes
                incomplete = incomplete || outcome.incomplete
            }
            for (name, indexes) in indexClient.projectsOnSeveralIndexes().sorted(by: { $0.key < $1.key }) {
                let location = reading.entries.first { $0.canonicalName == name }?.location
                findings.append(Finding(rule: .dependencyConfusion, package: name, location: location,
                    message: "\(name) exists on more than one index (\(indexes.joined(separator: ", "))): pip may install it from any of them. Make sure the public one is not an impostor, or use a single index."))
            }
            bar.finish()
            let stats = indexClient.statistics
            let connections = stats.requests == 0 ? "" : " (\(stats.connections) connections, \(stats.http2Responses) answers over HTTP/2)"
            printer.info("pinaudit: \(walk.packages.count) package\(walk.packages.count == 1 ? "" : "s"), \(stats.requests) request\(stats.requests == 1 ? "" : "s")\(connections), \(stats.cacheHits) from the cache, \(String(format: "%.1f", Double(stats.bytesDownloaded) / 1_048_576)) MB")
        } else {
            findings += PinningAnalysis.findings(for: reading.entries, targets: envs, allowUnpinned: allowed(configuration, reading))
        }

        findings += LockFreshnessAnalysis.findings(declarations: reading.declarations.filter { !configuration.allowsUnpinned($0) || $0.lockedBy != nil },
                                                   entries: reading.entries, targets: envs, projectNames: reading.projectNames,
                                                   inputMismatches: reading.lockInputMismatches)
        findings = Self.deduplicated(findings)
        findings = configuration.applying(to: findings, today: today, reportingUnusedIgnores: audit && !incomplete)
        let result = Report(command: command, files: reading.files, requirements: reading.entries + reading.declarations, packages: packages,
                            findings: findings, incomplete: incomplete, notes: notes, targets: labels)
        return Run(report: result, reading: reading, configuration: configuration, environments: envs, pythons: pythons,
                   memo: memo, client: client, closure: closure, today: today)
    }

    /// The index limits of the run: flags, then `PINAUDIT_` variables, then `[index-limits]`.
    private func indexLimits(_ configuration: Configuration) throws -> IndexLimits {
        do {
            return try IndexLimits.resolve(flags: index.limits.given, environment: ProcessInfo.processInfo.environment,
                                           configured: configuration.indexLimits)
        } catch let error as IndexLimitError {
            throw InputFailure(error.description)
        }
    }

    private func allowed(_ configuration: Configuration, _ reading: SourceReading) -> Set<String> {
        var names = Set(configuration.allowUnpinned.map(PackageName.canonicalize))
        for entry in reading.entries where configuration.allowsUnpinned(entry) {
            if let name = entry.canonicalName { names.insert(name) }
            if entry.editable { names.insert(":editable:") }
            if let url = entry.url, !url.contains("://") { names.insert(":local:") }
        }
        return names
    }

    /// One finding per rule, package and place: the closure and the audit may both notice a missing version.
    static func deduplicated(_ findings: [Finding]) -> [Finding] {
        var seen: Set<String> = []
        return findings.filter { f in
            guard [.unknownPackage, .unknownVersion, .indexError, .metadataUnavailable].contains(f.rule) else { return true }
            return seen.insert("\(f.rule.rawValue)|\(f.package ?? "")").inserted
        }
    }
}
