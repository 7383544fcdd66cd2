import CCurlShim
import Foundation

/// Sends HTTP requests through one curl multi handle, driven by one dedicated thread.
///
/// All transfers share the multi handle's connection cache, so requests to the same host reuse
/// connections and multiplex over HTTP/2. At most `maxConcurrentTransfers` documents and as many
/// small requests (`HTTPRequest.Priority.small`) run at once; the rest wait in order. The transport stops its thread when it is released.
public final class CurlTransport: Sendable {
    private let engine: Engine

    public init(settings: HTTPTransportSettings = HTTPTransportSettings()) {
        CurlTransport.initializeLibrary
        engine = Engine(settings: settings)
        let engine = self.engine
        let thread = Thread { engine.run() }
        thread.name = "pinaudit-curl"
        thread.start()
    }

    deinit { engine.stop() }

    public var settings: HTTPTransportSettings { engine.settings }

    /// Performs one request; never throws, a failed transfer is a `TransportError`.
    public func send(_ request: HTTPRequest) async -> Result<HTTPResponse, TransportError> {
        await withCheckedContinuation { continuation in
            guard let transfer = CurlTransfer(request: request, settings: engine.settings, budget: engine.budget,
                                              continuation: continuation) else {
                continuation.resume(returning: .failure(TransportError(kind: .other, detail: "curl_easy_init failed")))
                return
            }
            engine.enqueue(transfer)
        }
    }

    /// Counters since the transport was made.
    public var counters: (requests: Int, bytes: Int, connections: Int) { engine.counters() }

    private static let initializeLibrary: Void = { _ = pinaudit_global_init() }()

    /// The state the driver thread owns; the lock guards only the queue and the flags.
    private final class Engine: @unchecked Sendable {
        let settings: HTTPTransportSettings
        let budget: InFlightBodyBudget
        private let multi: UnsafeMutableRawPointer
        private let lock = NSLock()
        private var queued: [CurlTransfer] = []
        private var stopping = false
        private var requestCount = 0
        private var byteCount = 0
        private var connectionCount = 0
        /// Touched only by the driver thread.
        private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

        init(settings: HTTPTransportSettings) {
            self.settings = settings
            budget = InFlightBodyBudget(limit: settings.maxBytesInFlight)
            multi = curl_multi_init()
            pinaudit_multi_setopt_long(multi, CURLMOPT_PIPELINING, pinaudit_pipe_multiplex())
            pinaudit_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, 2 * settings.maxConcurrentTransfers)
            pinaudit_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, 2 * settings.maxConcurrentTransfers)
            pinaudit_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, 2 * settings.maxConcurrentTransfers)
        }

        func enqueue(_ transfer: CurlTransfer) {
            lock.lock()
            let rejected = stopping
            if !rejected {
                if transfer.priority == .small {
                    // After the small ones already waiting, before every document.
                    let position = queued.firstIndex { $0.priority != .small } ?? queued.endIndex
                    queued.insert(transfer, at: position)
                } else {
                    queued.append(transfer)
                }
            }
            lock.unlock()
            if rejected {
                transfer.continuation.resume(returning: .failure(TransportError(kind: .cancelled)))
            } else {
                curl_multi_wakeup(multi)
            }
        }

        func stop() {
            lock.lock()
            stopping = true
            lock.unlock()
            curl_multi_wakeup(multi)
        }

        func counters() -> (requests: Int, bytes: Int, connections: Int) {
            lock.lock()
            defer { lock.unlock() }
            return (requestCount, byteCount, connectionCount)
        }

        func run() {
            while true {
                lock.lock()
                let shouldStop = stopping
                var admitted: [CurlTransfer] = []
                if !shouldStop {
                    // Documents and small requests each have `maxConcurrentTransfers` places: the
                    // small ones are latency-bound and would otherwise sit on places documents need.
                    var small = active.values.count { $0.priority == .small }
                    var documents = active.count - small
                    let limit = settings.maxConcurrentTransfers
                    while let next = queued.firstIndex(where: { $0.priority == .small ? small < limit : documents < limit }) {
                        let transfer = queued.remove(at: next)
                        if transfer.priority == .small { small += 1 } else { documents += 1 }
                        admitted.append(transfer)
                    }
                }
                lock.unlock()
                if shouldStop { break }
                for transfer in admitted {
                    guard transfer.arm() else {
                        // The run's deadline passed while it waited for a place.
                        transfer.continuation.resume(returning: .failure(TransportError(kind: .deadlineExceeded)))
                        continue
                    }
                    active[transfer.handle] = transfer
                    curl_multi_add_handle(multi, transfer.handle)
                }
                var running: Int32 = 0
                curl_multi_perform(multi, &running)
                // A finished transfer frees a slot: admit queued work before waiting.
                if collectFinished() > 0 { continue }
                curl_multi_poll(multi, nil, 0, 1000, nil)
            }
            shutDown()
        }

        /// Resumes the callers of finished transfers; returns how many finished.
        private func collectFinished() -> Int {
            var finished = 0
            var easy: UnsafeMutableRawPointer?
            var code = CURLE_OK
            while pinaudit_multi_next_done(multi, &easy, &code) == 1, let handle = easy {
                curl_multi_remove_handle(multi, handle)
                guard let transfer = active.removeValue(forKey: handle) else { continue }
                let result = transfer.finish(code)
                lock.lock()
                requestCount += 1
                byteCount += transfer.downloadedBytes
                connectionCount += transfer.newConnections
                lock.unlock()
                transfer.continuation.resume(returning: result)
                finished += 1
            }
            return finished
        }

        private func shutDown() {
            for (handle, transfer) in active {
                curl_multi_remove_handle(multi, handle)
                transfer.releaseBudget()
                transfer.continuation.resume(returning: .failure(TransportError(kind: .cancelled)))
            }
            active = [:]
            lock.lock()
            let waiting = queued
            queued = []
            lock.unlock()
            for transfer in waiting {
                transfer.continuation.resume(returning: .failure(TransportError(kind: .cancelled)))
            }
            curl_multi_cleanup(multi)
        }
    }
}
