import Foundation
import PinAuditCore

/// Opens the run's `IndexClient` (the library's `IndexConnector`): the run's resolved index
/// settings, with the cache settings the command line gives.
public struct IndexClientConnector: IndexConnector {
    public var cacheDir: String?
    public var refresh: Bool
    public var offline: Bool
    /// Seconds a cached answer is used without asking the index.
    public var maxAge: Double
    public var progress: (@Sendable (IndexProgressEvent) -> Void)?
    /// Called with the client once it exists (a progress bar reads its byte count).
    public var connected: (@Sendable (IndexClient) -> Void)?

    public init(cacheDir: String?, refresh: Bool, offline: Bool, maxAge: Double,
                progress: (@Sendable (IndexProgressEvent) -> Void)? = nil, connected: (@Sendable (IndexClient) -> Void)? = nil) {
        self.cacheDir = cacheDir; self.refresh = refresh; self.offline = offline; self.maxAge = maxAge
        self.progress = progress; self.connected = connected
    }

    public func connect(_ request: IndexRequest) throws -> any IndexConnection {
        var options = IndexClientOptions.resolve(
            indexURL: request.indexURL, extraIndexURLs: request.extraIndexURLs,
            requirementsIndexURL: request.requirementsIndexURL, requirementsExtraIndexURLs: request.requirementsExtraIndexURLs,
            cacheDir: cacheDir, refresh: refresh, offline: offline)
        options.maxAge = maxAge
        options.maxConcurrentRequests = request.maxConcurrent
        options.limits = request.limits
        options.progress = progress
        let client = IndexClient(options: options)
        connected?(client)
        return client
    }
}

extension IndexClient: IndexConnection {
    public var traffic: IndexTraffic {
        let stats = statistics
        return IndexTraffic(requests: stats.requests, connections: stats.connections, http2Responses: stats.http2Responses,
                            cacheHits: stats.cacheHits, bytesDownloaded: stats.bytesDownloaded)
    }

    public func vulnerabilityServices(for source: VulnerabilitySource, databaseFlag: String?,
                                      configuration: Configuration) -> [any VulnerabilityService] {
        let database = LocalOSVDatabase.resolve(flag: databaseFlag, configured: configuration.vulnDatabase,
                                                cacheDirectory: options.cacheDirectory)
        return VulnerabilityServiceRegistry.services(
            source.serviceNames(databaseAvailable: database != nil),
            context: VulnerabilityServiceContext(offline: options.offline, osvURL: configuration.osvURL, database: database,
                                                 cacheDirectory: options.cacheDirectory, maxConcurrent: options.maxConcurrentRequests,
                                                 indexClient: self))
    }

    public func planVulnerabilityLookup(configuration: Configuration) throws -> (@Sendable (String, String) -> [Vulnerability])? {
        do {
            return try LocalOSVDatabase.planLookup(configuration: configuration, cacheDirectory: options.cacheDirectory)
        } catch {
            throw InputFailure("\(error).")
        }
    }
}
