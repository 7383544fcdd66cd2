/// What a run asks of the package index beyond `PackageIndex`: the index client is one, injected by
/// the executable through an `IndexConnector`; tests hand in a fake.
public protocol IndexConnection: PackageIndex {
    /// Canonical names found on more than one index, with those indexes (for `dependency-confusion`).
    func projectsOnSeveralIndexes() -> [String: [String]]
    /// What the run cost so far.
    var traffic: IndexTraffic { get }
    /// The vulnerability services `source` selects (`VulnerabilitySource.serviceNames`), made for
    /// this connection (OSV's API shares its transport); `databaseFlag` is `--vuln-db`.
    func vulnerabilityServices(for source: VulnerabilitySource, databaseFlag: String?, configuration: Configuration) -> [any VulnerabilityService]
    /// The vulnerabilities `plan` checks its target versions against, when a local database serves them.
    func planVulnerabilityLookup(configuration: Configuration) throws -> (@Sendable (String, String) -> [Vulnerability])?
}

/// Opens the run's index connection from its resolved settings.
public protocol IndexConnector: Sendable {
    func connect(_ request: IndexRequest) throws -> any IndexConnection
}

/// Which index the run asks, and how hard: the settings (flag, configuration, default) and the
/// requirements files' own `--index-url` and `--extra-index-url`.
public struct IndexRequest: Sendable {
    public var indexURL: String?
    public var extraIndexURLs: [String]
    public var requirementsIndexURL: String?
    public var requirementsExtraIndexURLs: [String]
    public var limits: IndexLimits
    public var maxConcurrent: Int

    public init(indexURL: String?, extraIndexURLs: [String], requirementsIndexURL: String?, requirementsExtraIndexURLs: [String],
                limits: IndexLimits, maxConcurrent: Int) {
        self.indexURL = indexURL; self.extraIndexURLs = extraIndexURLs
        self.requirementsIndexURL = requirementsIndexURL; self.requirementsExtraIndexURLs = requirementsExtraIndexURLs
        self.limits = limits; self.maxConcurrent = maxConcurrent
    }
}

/// The cost of a run's index traffic, for the closing line people read.
public struct IndexTraffic: Sendable, Hashable {
    public var requests = 0
    public var connections = 0
    public var http2Responses = 0
    public var cacheHits = 0
    public var bytesDownloaded = 0

    public init(requests: Int = 0, connections: Int = 0, http2Responses: Int = 0, cacheHits: Int = 0, bytesDownloaded: Int = 0) {
        self.requests = requests; self.connections = connections; self.http2Responses = http2Responses
        self.cacheHits = cacheHits; self.bytesDownloaded = bytesDownloaded
    }
}

/// Hears about the run's progress, for the lines people read on standard error.
public protocol RunObserver: Sendable {
    /// The inputs were read: `files` as the user would type them.
    func filesRead(_ files: [String])
    /// The index was asked about `packages` packages at this cost.
    func indexFinished(packages: Int, traffic: IndexTraffic)
}
