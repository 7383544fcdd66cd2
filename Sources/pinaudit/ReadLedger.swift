import Foundation

/// A fingerprint of every file the run read, by path as read: `plan --apply` compares the file it
/// is about to rewrite with what the parsers saw, so a file edited during the run (while the index
/// was asked) is not rewritten from stale line numbers.
final class ReadLedger: @unchecked Sendable {
    struct Fingerprint: Equatable {
        var count: Int
        var hash: Int
        init(_ bytes: [UInt8]) {
            count = bytes.count
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(start: bytes, count: bytes.count))
            hash = hasher.finalize()
        }
    }

    private let lock = NSLock()
    private var seen: [String: Fingerprint] = [:]

    func record(_ path: String, _ bytes: [UInt8]) {
        let print = Fingerprint(bytes)
        lock.lock()
        defer { lock.unlock() }
        // The first read is the one the parsers used.
        if seen[path] == nil { seen[path] = print }
    }

    /// Whether `bytes` differ from the first read of `path` (false when the path was never read).
    func changed(_ path: String, now bytes: [UInt8]) -> Bool {
        lock.lock()
        let first = seen[path]
        lock.unlock()
        guard let first else { return false }
        return first != Fingerprint(bytes)
    }
}
