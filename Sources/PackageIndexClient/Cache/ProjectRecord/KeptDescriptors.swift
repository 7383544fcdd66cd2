import Foundation

/// How many record descriptors are kept open at once: half the process's limit, at most 4,096.
/// A descriptor is released when its first line is read (the audit does so within its window)
/// or when its record is freed; records read and kept without a line read (the closure walk's,
/// the planner's) hold theirs until the limit is reached, after which records open anew.
final class KeptDescriptors: @unchecked Sendable {
    static let shared = KeptDescriptors()
    private let lock = NSLock()
    private var count = 0
    let limit: Int

    init() {
        var limits = rlimit()
        let soft = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 ? Int(clamping: limits.rlim_cur) : 256
        limit = min(soft / 2, 4096)
    }

    func reserve() -> Bool {
        lock.withLock {
            guard count < limit else { return false }
            count += 1
            return true
        }
    }
    func release() { lock.withLock { count -= 1 } }
}
