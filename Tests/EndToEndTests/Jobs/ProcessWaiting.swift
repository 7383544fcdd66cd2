import Foundation

/// Waits for a child process without holding a thread of the concurrency pool: the job tests run for
/// seconds each, and blocking the pool's few threads (one per core) would stall the timing-sensitive
/// async tests that run beside them.
enum ProcessWaiting {
    /// Starts `process` and returns its exit status; terminates it after `timeout` seconds.
    static func run(_ process: Process, timeout: TimeInterval) async throws -> Int32 {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, Error>) in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if process.isRunning { process.terminate() }
            }
        }
    }
}
