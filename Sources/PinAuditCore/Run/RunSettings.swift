import PythonPackaging

/// Every setting of one run, resolved once: the flag, then the configuration file, then the
/// default. Nothing after this type looks at flags or the configuration's optional fields again.
public struct RunSettings: Sendable {
    /// The configuration file's settings (or the defaults), with `--vuln-fail-on` and
    /// `--ignore-vuln` folded in, since the ignores and the severity policy read them there.
    public var configuration: Configuration
    public var failOn: FailLevel
    /// The target Pythons given (flag, else configuration); nil: the inputs decide (a Dockerfile's
    /// image), else 3.12.
    public var pythonVersions: [String]?
    public var platforms: [MarkerEnvironment.Platform]
    public var indexURL: String?
    public var extraIndexURLs: [String]
    /// The index limits (flag, then `PINAUDIT_` variable, then `[index-limits]`), or why they are
    /// wrong: only a run that asks the index fails on them.
    public var indexLimits: Result<IndexLimits, InputFailure>
    public var maxConcurrent: Int
    public var vulnerabilitySource: VulnerabilitySource
    /// `--vuln-db` as given; the index client's side resolves it further (environment, configuration, cache).
    public var vulnerabilityDatabaseFlag: String?
    public var requireHashes: Bool

    /// Resolves `flags` against `configuration` and the process environment (`PINAUDIT_` index limits).
    public static func resolve(_ flags: RunFlags, configuration file: Configuration, environment: [String: String]) -> RunSettings {
        var configuration = file
        if let threshold = flags.vulnerabilityFailOn { configuration.vulnFailOn = threshold }
        for id in flags.ignoredVulnerabilities {
            configuration.ignores.append(IgnoreRule(rule: .vulnerable, id: id, reason: "--ignore-vuln on the command line"))
        }
        let limits: Result<IndexLimits, InputFailure>
        do {
            limits = .success(try IndexLimits.resolve(flags: flags.indexLimits, environment: environment, configured: configuration.indexLimits))
        } catch {
            limits = .failure(InputFailure("\(error)"))
        }
        return RunSettings(
            configuration: configuration,
            failOn: flags.failOn ?? configuration.failOn ?? .error,
            pythonVersions: flags.pythonVersions.isEmpty ? configuration.pythonVersions : flags.pythonVersions,
            platforms: flags.platforms.isEmpty ? configuration.platforms ?? [] : flags.platforms,
            indexURL: flags.indexURL ?? configuration.indexURL,
            extraIndexURLs: flags.extraIndexURLs.isEmpty ? configuration.extraIndexURLs : flags.extraIndexURLs,
            indexLimits: limits,
            maxConcurrent: flags.maxConcurrent,
            vulnerabilitySource: flags.vulnerabilitySource ?? configuration.vulnSource,
            vulnerabilityDatabaseFlag: flags.vulnerabilityDatabase,
            requireHashes: flags.requireHashes)
    }

    /// The environments markers and `requires_python` are evaluated for: every Python version ×
    /// every platform; `implied` is the Python a source names (a Dockerfile's base image).
    public func targets(implied: String?) -> RunTargets {
        let pythons = pythonVersions.flatMap { $0.isEmpty ? nil : $0 } ?? [implied ?? "3.12"]
        let platforms = self.platforms.isEmpty ? [MarkerEnvironment.Platform.linux] : self.platforms
        var targets = RunTargets(environments: [], labels: [], pythons: pythons)
        for python in pythons {
            for platform in platforms {
                targets.environments.append(.target(pythonVersion: python, platform: platform))
                targets.labels.append("python \(python) on \(platform.rawValue)")
            }
        }
        return targets
    }
}

/// The target environments of a run, with the labels reports show and the Python versions alone.
public struct RunTargets: Sendable {
    public var environments: [MarkerEnvironment]
    public var labels: [String]
    public var pythons: [String]
}
