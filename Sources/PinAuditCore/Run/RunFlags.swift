import PythonPackaging

/// What the command line said, before any of it is resolved against the configuration file:
/// nil and empty mean "not given".
public struct RunFlags: Sendable {
    /// Files to read by their kinds, and files to read as constraints; both empty: discover them.
    public var paths: [String] = []
    public var constraints: [String] = []
    /// `--config`: the configuration file, instead of the one found upward.
    public var configPath: String?
    public var pythonVersions: [String] = []
    public var platforms: [MarkerEnvironment.Platform] = []
    public var failOn: FailLevel?
    public var indexURL: String?
    public var extraIndexURLs: [String] = []
    /// The index-limit flags given, as typed (`--deadline 2m`).
    public var indexLimits: [IndexLimits.Setting: String] = [:]
    /// `--max-concurrent`: documents in flight at once.
    public var maxConcurrent = 16
    // audit
    public var vulnerabilitySource: VulnerabilitySource?
    public var vulnerabilityFailOn: VulnerabilityThreshold?
    /// `--vuln-db`: a local OSV database (ZIP or folder).
    public var vulnerabilityDatabase: String?
    /// `--ignore-vuln`: vulnerability ids or aliases to ignore.
    public var ignoredVulnerabilities: [String] = []
    public var requireHashes = false

    public init() {}
}
