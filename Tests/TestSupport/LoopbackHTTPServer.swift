import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for tests: canned responses by path, injected faults,
/// request counts, conditional requests (304 for a matching `If-None-Match` or
/// `If-Modified-Since`). One thread accepts, one thread serves each connection (keep-alive
/// supported); at most `maxConnections` at once. Stops when released or on `stop()`.
public final class LoopbackHTTPServer: @unchecked Sendable {
    private let state: LoopbackServerState

    /// Binds `host` (127.0.0.1 by default; any 127.x.y.z address is loopback too, and makes a
    /// server on another host for redirect tests) on a free port and starts serving.
    public init(maxConnections: Int = 64, host: String = "127.0.0.1") throws {
        state = try LoopbackServerState(maxConnections: maxConnections, host: host)
        let state = self.state
        let thread = Thread { state.acceptLoop() }
        thread.name = "loopback-accept"
        thread.start()
    }

    deinit { state.stop() }

    public var port: Int { state.port }
    /// The address it listens on.
    public var host: String { state.host }
    /// `http://127.0.0.1:<port>`, no trailing slash.
    public var baseURL: String { "http://\(state.host):\(state.port)" }

    /// Serves `response` at `path` (exact match, query ignored).
    public func route(_ path: String, _ response: LoopbackResponse) {
        state.withLock { $0.routes[path] = response }
    }

    /// The fixed route at `path`, if any.
    public func fixedRoute(_ path: String) -> LoopbackResponse? { state.withLock { $0.routes[path] } }

    /// Answers `path` (exact match, query ignored) with what `handler` makes of each request
    /// (its body included); nil for 404. A fixed `route` at the same path wins.
    public func handle(_ path: String, _ handler: @escaping @Sendable (LoopbackRequest) -> LoopbackResponse?) {
        state.withLock { $0.handlers[path] = handler }
    }

    /// Answers paths without a route; return nil for 404.
    public func setFallback(_ handler: @escaping @Sendable (LoopbackRequest) -> LoopbackResponse?) {
        state.withLock { $0.fallback = handler }
    }

    /// Queues `fault` for the next `times` requests to `path`.
    public func inject(_ fault: LoopbackFault, at path: String, times: Int = 1) {
        state.withLock { $0.faults[path, default: []] += Array(repeating: fault, count: times) }
    }

    /// Delays every response by this many seconds (to observe concurrency).
    public func setResponseDelay(_ seconds: Double) {
        state.withLock { $0.responseDelay = seconds }
    }

    /// Requests received for `path` so far.
    public func requestCount(_ path: String) -> Int { state.withLock { $0.log.filter { $0.path == path }.count } }
    /// All requests received so far, in order of arrival.
    public var requests: [LoopbackRequest] { state.withLock { $0.log } }
    public var totalRequests: Int { state.withLock { $0.log.count } }
    /// The most requests that were being answered at the same time.
    public var peakConcurrentRequests: Int { state.withLock { $0.peakInFlight } }

    /// Stops accepting and closes every connection. Idempotent.
    public func stop() { state.stop() }
}

/// Mutable state shared by the server's threads.
struct LoopbackServerTable {
    var routes: [String: LoopbackResponse] = [:]
    var faults: [String: [LoopbackFault]] = [:]
    var handlers: [String: @Sendable (LoopbackRequest) -> LoopbackResponse?] = [:]
    var fallback: (@Sendable (LoopbackRequest) -> LoopbackResponse?)?
    var responseDelay: Double = 0
    var log: [LoopbackRequest] = []
    var inFlight = 0
    var peakInFlight = 0
    var connections: Set<Int32> = []
    var stopped = false
}

final class LoopbackServerState: @unchecked Sendable {
    let listener: Int32
    let port: Int
    let host: String
    let maxConnections: Int
    private let lock = NSLock()
    private var table = LoopbackServerTable()

    init(maxConnections: Int, host: String) throws {
        self.maxConnections = maxConnections
        self.host = host
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackServerError(message: "socket() failed with errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr(host)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw LoopbackServerError(message: "bind/listen on 127.0.0.1 failed with errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func withLock<T>(_ body: (inout LoopbackServerTable) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&table)
    }

    var isStopped: Bool { withLock { $0.stopped } }

    func stop() {
        let connections: Set<Int32>? = withLock { table in
            if table.stopped { return nil }
            table.stopped = true
            return table.connections
        }
        guard let connections else { return }
        // shutdown, not close: each thread closes its own descriptor, so none is reused under it.
        shutdown(listener, Int32(SHUT_RDWR))
        for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    func acceptLoop() {
        while !isStopped {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR { continue }
                break
            }
            let admitted = withLock { table -> Bool in
                guard !table.stopped, table.connections.count < maxConnections else { return false }
                table.connections.insert(fd)
                return true
            }
            guard admitted else { close(fd); continue }
            let thread = Thread { [self] in
                var connection = LoopbackConnection(fd: fd, server: self)
                connection.serve()
                withLock { _ = $0.connections.remove(fd) }
                close(fd)
            }
            thread.start()
        }
        close(listener)
    }
}

/// The loopback server could not start.
public struct LoopbackServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
