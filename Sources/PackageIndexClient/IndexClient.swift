import Foundation
import PinAuditCore
import PythonPackaging

/// The package index as the command layer uses it: libcurl transport, PyPI JSON or Simple API
/// clients, the on-disk cache and several indexes, behind `PackageIndex`.
///
/// ```swift
/// let configuration = IndexConfiguration.resolve(indexURL: flags.indexURL, extraIndexURLs: flags.extraIndexURLs)
/// let client = IndexClient(options: IndexClientOptions(
///     configuration: configuration, cacheDirectory: CacheLocation.resolve(flag: flags.cacheDir),
///     refresh: flags.refresh, offline: flags.offline))
/// let facts = await client.project("requests")
/// ```
public final class IndexClient: PackageIndex, Sendable {
    public let options: IndexClientOptions
    /// Shared with the run's other HTTP clients (OSV's API): one connection pool, one concurrency bound.
    let transport: CurlTransport
    private let statisticsStore: IndexStatistics
    private let index: any PackageIndex
    private let multiIndex: MultiIndex?

    public init(options: IndexClientOptions) {
        self.options = options
        transport = CurlTransport(settings: HTTPTransportSettings(limits: options.limits,
            maxConcurrentTransfers: options.maxConcurrentRequests, userAgent: options.userAgent, useNetrc: options.useNetrc,
            netrcFile: options.netrcFile))
        let statisticsStore = IndexStatistics()
        self.statisticsStore = statisticsStore
        let fetcher = IndexFetcher(transport: transport, policy: options.retryPolicy, statistics: statisticsStore,
                                   limits: options.limits)
        let cache = options.cacheDirectory.map { IndexCache(directory: $0) }
        let policy = CachePolicy(mode: options.offline ? .offline : options.refresh ? .refresh : .normal,
                                 maxAge: options.maxAge)
        let indexes: [(name: String, index: any PackageIndex)] = options.configuration.endpoints.map { endpoint in
            let backend: IndexBackend = switch endpoint.api {
            case .json: JSONAPIBackend(baseURL: endpoint.url, fetcher: fetcher)
            case .simple: SimpleAPIBackend(baseURL: endpoint.url, fetcher: fetcher)
            }
            return (endpoint.redactedURL, CachedIndex(backend: backend, cache: cache, policy: policy, statistics: statisticsStore))
        }
        if indexes.count == 1 {
            index = indexes[0].index
            multiIndex = nil
        } else {
            let multi = MultiIndex(indexes: indexes)
            index = multi
            multiIndex = multi
        }
    }

    /// A client of one JSON API or Simple API URL, with no cache: for tests and scripts.
    public convenience init(indexURL: String, cacheDirectory: URL? = nil) {
        self.init(options: IndexClientOptions(configuration: IndexConfiguration(primary: .detect(indexURL, origin: "argument")),
                                              cacheDirectory: cacheDirectory))
    }

    /// The project document of a name (normalized here too, so any spelling works).
    public func project(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure> {
        await reportingProject(canonicalName) { await self.index.project($0) }
    }

    /// See `PackageIndex.projectOnce`.
    public func projectOnce(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure> {
        await reportingProject(canonicalName) { await self.index.projectOnce($0) }
    }

    private func reportingProject(_ canonicalName: String,
                                  _ ask: (String) async -> Result<ProjectFacts, IndexFailure>) async -> Result<ProjectFacts, IndexFailure> {
        let name = PackageName.canonicalize(canonicalName)
        report(.started, name, nil)
        let result = await ask(name)
        report(result, name, nil)
        return result
    }

    /// Dependency metadata of one version; vulnerabilities are nil when the index does not publish them.
    public func metadata(_ canonicalName: String, version: String) async -> Result<VersionMetadata, IndexFailure> {
        let name = PackageName.canonicalize(canonicalName)
        report(.started, name, version)
        let result = await index.metadata(name, version: version)
        report(result, name, version)
        return result
    }

    /// Counters so far: requests, bytes, cache hits, 304s, retries, failures.
    public var statistics: IndexClientStatistics { statisticsStore.snapshot }

    /// The indexes asked, primary first.
    public var endpoints: [IndexEndpoint] { options.configuration.endpoints }

    /// Projects looked up so far that more than one configured index serves (dependency
    /// confusion risk), with the redacted URLs of those indexes. Empty with a single index.
    public func projectsOnSeveralIndexes() -> [String: [String]] {
        multiIndex?.projectsOnSeveralIndexes() ?? [:]
    }

    private func report<Value>(_ result: Result<Value, IndexFailure>, _ name: String, _ version: String?) {
        switch result {
        case .success: report(.finished(failure: nil), name, version)
        case .failure(let failure): report(.finished(failure: failure.description), name, version)
        }
    }

    private func report(_ kind: IndexProgressEvent.Kind, _ name: String, _ version: String?) {
        options.progress?(IndexProgressEvent(kind: kind, package: name, version: version))
    }
}
