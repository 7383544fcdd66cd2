/// The bytes of all bodies being received at once, against one limit for the run.
///
/// Each answer kind has its own size limit, but a hostile index can send endless bodies for
/// every package at once: sixteen documents at their limit would be a gigabyte. The budget
/// bounds the sum. A transfer whose next bytes would pass it fails (and is tried again once,
/// since in an honest run the other bodies are done by then). Touched only by the transport's
/// driver thread, where curl calls the write callbacks, so it needs no lock.
final class InFlightBodyBudget: @unchecked Sendable {
    let limit: Int
    private(set) var used = 0

    init(limit: Int) { self.limit = max(1, limit) }

    /// Takes `count` bytes; false when that would pass the limit.
    func take(_ count: Int) -> Bool {
        guard used + count <= limit else { return false }
        used += count
        return true
    }

    /// Gives back the bytes of a body that is no longer being received.
    func giveBack(_ count: Int) { used = max(0, used - count) }
}
