/// Stage 2 with the index: the closure walk, the audit beside it, the vulnerability services, and
/// the findings about the indexes themselves.
extension RunPipeline {
    /// What the audit needs, set up before the walk so the files' pins are audited while the closure
    /// is walked, on the core the walk leaves idle.
    private struct AuditSetup {
        var auditor: AuditAnalysis
        var pins: [String: AuditPin]
        var early: Task<[String: AuditAnalysis.EarlyAudit], Never>?
        var services: [any VulnerabilityService]
    }

    func consultIndex(_ inputs: RunInputs, request: RunRequest) async throws -> IndexedRun {
        let settings = inputs.settings, reading = inputs.reading, targets = inputs.targets
        let connection = try connector.connect(IndexRequest(
            indexURL: settings.indexURL, extraIndexURLs: settings.extraIndexURLs,
            requirementsIndexURL: reading.options.indexURL, requirementsExtraIndexURLs: reading.options.extraIndexURLs,
            limits: try settings.indexLimits.get(), maxConcurrent: settings.maxConcurrent))
        let memo = IndexMemo(connection)
        let audit = request.audits ? setUpAudit(inputs, memo: memo, connection: connection) : nil

        let walk = await ClosureAnalysis(index: memo, options: .init(targets: targets.environments, pythons: targets.pythons,
                                                                     allowPrereleases: reading.options.pre,
                                                                     knownDependencies: reading.lockDependencies)).run(entries: reading.entries)
        let allowance = UnpinnedAllowance(configuration: settings.configuration, entries: reading.entries)
        var indexed = IndexedRun(packages: walk.packages, findings: reading.findings + VersionSkewAnalysis.findings(for: reading.entries),
                                 incomplete: walk.incomplete, closure: walk, memo: memo, connection: connection)
        indexed.findings += PinningAnalysis.findings(for: reading.entries, targets: targets.environments, allowUnpinned: allowance,
                                                     suggestions: walk.suggestions)
        indexed.findings += walk.findings
        if let audit { await finishAudit(audit, walk: walk, into: &indexed) }
        indexed.findings += DependencyConfusionAnalysis.findings(projectsOnSeveralIndexes: connection.projectsOnSeveralIndexes(),
                                                                 entries: reading.entries)
        observer.indexFinished(packages: walk.packages.count, traffic: connection.traffic)
        return indexed
    }

    private func setUpAudit(_ inputs: RunInputs, memo: IndexMemo, connection: any IndexConnection) -> AuditSetup {
        let settings = inputs.settings, reading = inputs.reading
        var pins: [String: AuditPin] = [:]
        for entry in reading.entries where !entry.isConstraint {
            if let pin = AuditPin(entry: entry), pins[pin.name] == nil { pins[pin.name] = pin }
        }
        let requireHashes = settings.requireHashes || AuditOptions.hashCheckingMode(reading.options, entries: reading.entries)
        var options = settings.configuration.auditOptions(today: inputs.today, requireHashes: requireHashes,
                                                          defaultPythonVersions: inputs.targets.pythons)
        options.vulnerabilitySource = settings.vulnerabilitySource
        // The Python versions the run targets (flag, then configuration, then the default), not
        // the configuration's alone: `--python-version` decides which releases count as newest.
        options.pythonVersions = inputs.targets.pythons
        let auditor = AuditAnalysis(index: memo, options: options, window: max(32, 2 * settings.maxConcurrent))
        let services = connection.vulnerabilityServices(for: options.vulnerabilitySource, databaseFlag: settings.vulnerabilityDatabaseFlag,
                                                        configuration: settings.configuration)
        var early: Task<[String: AuditAnalysis.EarlyAudit], Never>?
        // Local services (the OSV database) answer at once: asked for the head start too.
        if VulnerabilityServiceGroup(services).isLocal {
            let applicable = Set(reading.entries.filter { !$0.isConstraint && PinningAnalysis.isApplicable($0, targets: inputs.targets.environments) }
                .compactMap { AuditPin(entry: $0)?.name })
            let headStart = applicable.compactMap { pins[$0] }
            early = Task(priority: .utility) {
                let local = services.isEmpty ? [:] : await VulnerabilityServiceGroup(services)
                    .vulnerabilities(for: headStart.map { VulnerabilityQuery(name: $0.name, version: $0.version) }).vulnerabilities
                return await auditor.audits(of: headStart, osv: local)
            }
        }
        return AuditSetup(auditor: auditor, pins: pins, early: early, services: services)
    }

    private func finishAudit(_ audit: AuditSetup, walk: ClosureResult, into indexed: inout IndexedRun) async {
        var osv: [String: [Vulnerability]] = [:]
        if !audit.services.isEmpty {
            // Every pinned package of the closure, at the version the walk used.
            let queries = walk.packages.compactMap { package in
                package.version.map { VulnerabilityQuery(name: package.name, version: walk.walkedVersions[package.name] ?? $0) }
            }
            let answer = await VulnerabilityServiceGroup(audit.services).vulnerabilities(for: queries)
            osv = answer.vulnerabilities
            indexed.findings += answer.failures
            if !answer.failures.isEmpty { indexed.incomplete = true }
        }
        let outcome = await audit.auditor.run(packages: walk.packages, pins: audit.pins, walkedVersions: walk.walkedVersions,
                                              osv: osv, early: await audit.early?.value ?? [:])
        indexed.packages = outcome.packages
        indexed.findings += outcome.findings
        indexed.notes += outcome.notes
        indexed.incomplete = indexed.incomplete || outcome.incomplete
    }
}
