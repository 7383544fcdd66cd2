import Foundation

/// At most `limit` holders at once; the others wait in the order they came.
///
/// The fetcher holds one from sending a request until its body is decoded, so a run never keeps
/// more bodies in memory than it has transfers: without it, bodies that arrive faster than the
/// cores decode them pile up (hundreds of megabytes on a large constraints file).
final class ConcurrencyLimit: @unchecked Sendable {
    private let lock = NSLock()
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ limit: Int) { available = max(1, limit) }

    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = lock.withLock {
                if available > 0 { available -= 1; return true }
                waiting.append(continuation)
                return false
            }
            if granted { continuation.resume() }
        }
    }

    func release() {
        let next: CheckedContinuation<Void, Never>? = lock.withLock {
            if waiting.isEmpty { available += 1; return nil }
            return waiting.removeFirst()
        }
        next?.resume()
    }

    /// Runs `body` holding one place.
    func withPlace<T>(_ body: () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }
}
