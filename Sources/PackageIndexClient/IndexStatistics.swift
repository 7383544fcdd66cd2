import Foundation

/// What the index client did, for a progress bar, `--verbose` output or a benchmark.
public struct IndexClientStatistics: Sendable, Hashable {
    /// HTTP requests sent, retries included.
    public var requests = 0
    /// Response body bytes received (after decompression).
    public var bytesDownloaded = 0
    /// Answers served from the cache without any request.
    public var cacheHits = 0
    /// Conditional requests answered `304 Not Modified`.
    public var notModified = 0
    /// Requests that were tries again after a failure.
    public var retries = 0
    /// Lookups that ended in a failure other than `notFound`.
    public var failures = 0
    /// Connections opened; the rest of the requests reused one (keep-alive, HTTP/2 multiplexing).
    public var connections = 0
    /// Responses that came over HTTP/2.
    public var http2Responses = 0

    public init() {}
}

/// Thread-safe counters behind `IndexClientStatistics`.
final class IndexStatistics: @unchecked Sendable {
    private let lock = NSLock()
    private var value = IndexClientStatistics()

    var snapshot: IndexClientStatistics {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    private func update(_ change: (inout IndexClientStatistics) -> Void) {
        lock.lock()
        change(&value)
        lock.unlock()
    }

    func recordRequest() { update { $0.requests += 1 } }
    func recordResponse(_ response: HTTPResponse) {
        update {
            $0.bytesDownloaded += response.body.count
            $0.connections += response.newConnections
            if response.httpVersion == "2" { $0.http2Responses += 1 }
        }
    }
    func recordCacheHit() { update { $0.cacheHits += 1 } }
    func recordNotModified() { update { $0.notModified += 1 } }
    func recordRetry() { update { $0.retries += 1 } }
    func recordFailure() { update { $0.failures += 1 } }
}
