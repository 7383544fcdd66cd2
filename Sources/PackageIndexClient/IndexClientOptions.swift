import Foundation
import PinAuditCore

/// Everything the command layer decides about talking to the index.
public struct IndexClientOptions: Sendable {
    /// Which indexes to ask (see `IndexConfiguration.resolve`).
    public var configuration: IndexConfiguration
    /// The cache folder (see `CacheLocation.resolve`); nil disables the cache.
    public var cacheDirectory: URL?
    /// Seconds a cached answer stays fresh (default 15 minutes).
    public var maxAge: Double
    /// Revalidate every cached answer (`--refresh`).
    public var refresh: Bool
    /// Use the cache alone (`--offline`).
    public var offline: Bool
    /// The most requests in flight at once (default 16).
    public var maxConcurrentRequests: Int
    /// Timeouts, the low-speed check, the run's deadline and the largest answer of each kind.
    public var limits: IndexLimits
    /// Seconds to connect (default 10) and for a whole request (default 60); part of `limits`.
    public var connectTimeout: Double {
        get { limits.connectTimeout }
        set { limits.connectTimeout = newValue }
    }
    public var requestTimeout: Double {
        get { limits.requestTimeout }
        set { limits.requestTimeout = newValue }
    }
    /// Retries and backoff.
    public var retryPolicy: RetryPolicy
    public var userAgent: String
    /// Read credentials from `~/.netrc` when an index URL has none (default on).
    public var useNetrc: Bool
    /// A netrc file other than `~/.netrc` (default: curl's, which honours `$NETRC` on newer curls).
    public var netrcFile: String?
    /// Called, from any thread, as lookups start and finish (for a progress bar).
    public var progress: (@Sendable (IndexProgressEvent) -> Void)?

    public init(configuration: IndexConfiguration = .publicIndex, cacheDirectory: URL? = nil, maxAge: Double = 15 * 60,
                refresh: Bool = false, offline: Bool = false, maxConcurrentRequests: Int = 16,
                connectTimeout: Double? = nil, requestTimeout: Double? = nil, retryPolicy: RetryPolicy = RetryPolicy(),
                userAgent: String = HTTPTransportSettings.defaultUserAgent, useNetrc: Bool = true,
                netrcFile: String? = nil, limits: IndexLimits = .defaults,
                progress: (@Sendable (IndexProgressEvent) -> Void)? = nil) {
        self.configuration = configuration
        self.cacheDirectory = cacheDirectory
        self.maxAge = maxAge
        self.refresh = refresh
        self.offline = offline
        self.maxConcurrentRequests = maxConcurrentRequests
        self.limits = limits
        if let connectTimeout { self.limits.connectTimeout = connectTimeout }
        if let requestTimeout { self.limits.requestTimeout = requestTimeout }
        self.retryPolicy = retryPolicy
        self.userAgent = userAgent
        self.useNetrc = useNetrc
        self.netrcFile = netrcFile
        self.progress = progress
    }
}

extension IndexClientOptions {
    /// Options from the command line as the command layer receives them: indexes resolved by
    /// `IndexConfiguration.resolve`, the cache folder by `CacheLocation.resolve`, `--no-cache` as nil.
    public static func resolve(indexURL: String? = nil, extraIndexURLs: [String] = [],
                               requirementsIndexURL: String? = nil, requirementsExtraIndexURLs: [String] = [],
                               cacheDir: String? = nil, noCache: Bool = false, refresh: Bool = false, offline: Bool = false,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> IndexClientOptions {
        let configuration = IndexConfiguration.resolve(
            indexURL: indexURL, extraIndexURLs: extraIndexURLs, requirementsIndexURL: requirementsIndexURL,
            requirementsExtraIndexURLs: requirementsExtraIndexURLs, environment: environment)
        return IndexClientOptions(configuration: configuration,
                                  cacheDirectory: noCache ? nil : CacheLocation.resolve(flag: cacheDir, environment: environment),
                                  refresh: refresh, offline: offline)
    }
}

/// One step of a lookup, for progress reporting.
public struct IndexProgressEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case started
        /// Finished; `failure` is nil when the index (or the cache) answered.
        case finished(failure: IndexFailureSummary?)
    }

    public var kind: Kind
    public var package: String
    /// nil for project lookups.
    public var version: String?
}

/// The failure text of a finished lookup (`IndexFailure.description`).
public typealias IndexFailureSummary = String
