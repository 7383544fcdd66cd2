import Foundation

/// When and how long to wait before trying a request again.
///
/// Delays grow exponentially from `baseDelay` up to `maxDelay`, with "full jitter" (a random
/// delay between half and all of the step) so that many clients do not retry in lockstep.
/// A server's `Retry-After` is honoured, capped at `maxRetryAfter`.
public struct RetryPolicy: Sendable, Hashable {
    /// Tries in all, the first included (at least 1).
    public var maxAttempts: Int
    public var baseDelay: Double
    public var maxDelay: Double
    /// The longest `Retry-After` (seconds) that is obeyed; longer ones are cut to this.
    public var maxRetryAfter: Double
    /// Tries in all for a response whose body cannot be used (truncated, invalid JSON).
    public var maxAttemptsForUnusableBody: Int
    /// Tries in all for a request that timed out (no connection, no complete answer in time, or
    /// an answer stalled below the low-speed limit): a server that hung twice costs two
    /// timeouts, not four.
    public var maxAttemptsForTimeout: Int

    public init(maxAttempts: Int = 4, baseDelay: Double = 0.5, maxDelay: Double = 8, maxRetryAfter: Double = 30,
                maxAttemptsForUnusableBody: Int = 2, maxAttemptsForTimeout: Int = 2) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.maxAttemptsForUnusableBody = max(1, maxAttemptsForUnusableBody)
        self.maxAttemptsForTimeout = max(1, maxAttemptsForTimeout)
    }

    /// Statuses worth another try: rate limiting and server errors.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 408 || (500...599).contains(status)
    }

    /// The wait before try number `attempt + 1` (attempt counts from 1), given the server's `Retry-After`.
    public func delay(afterAttempt attempt: Int, retryAfter: String?, now: Date = Date()) -> Double {
        if let retryAfter, let seconds = RetryPolicy.parseRetryAfter(retryAfter, now: now) {
            return min(max(0, seconds), maxRetryAfter)
        }
        let step = min(maxDelay, baseDelay * pow(2, Double(attempt - 1)))
        return step / 2 + Double.random(in: 0...(step / 2))
    }

    /// `Retry-After` is either delta-seconds or an HTTP date.
    static func parseRetryAfter(_ value: String, now: Date) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return date.timeIntervalSince(now)
    }
}
