import Foundation
import PinAuditCore

/// How the transport talks to servers: limits, timeouts and identity.
public struct HTTPTransportSettings: Sendable, Hashable {
    /// The most documents in flight at once, and the most small requests (parts of wheels,
    /// version documents); more wait in a queue.
    public var maxConcurrentTransfers: Int
    /// Seconds allowed to establish a connection.
    public var connectTimeout: Double
    /// Seconds allowed for a whole transfer, connection included.
    public var totalTimeout: Double
    /// Sent as `User-Agent`.
    public var userAgent: String
    /// Whether credentials for hosts may come from `~/.netrc` (used only when the URL has none).
    public var useNetrc: Bool
    /// The netrc file to read instead of `~/.netrc` (curl's `CURLOPT_NETRC_FILE`).
    public var netrcFile: String?
    /// A body larger than this fails the transfer rather than filling memory.
    public var maxResponseBytes: Int
    /// A transfer slower than `lowSpeedLimit` bytes per second for `lowSpeedTime` seconds is
    /// abandoned (curl's low-speed check), so a server that hangs or drips its answer a byte at a
    /// time costs seconds, not the whole `totalTimeout`. A limit of 0 turns the check off.
    public var lowSpeedLimit: Int
    public var lowSpeedTime: Double
    /// When every transfer of the run must be over: later transfers fail at once with
    /// `.deadlineExceeded`, running ones are cut at it. Nil: no deadline.
    public var deadline: Date?
    /// The run's deadline in seconds, as configured (for messages).
    public var deadlineSeconds: Double?
    /// The most body bytes of all transfers being received at once (see `InFlightBodyBudget`).
    public var maxBytesInFlight: Int

    public init(maxConcurrentTransfers: Int = 16, connectTimeout: Double = 10, totalTimeout: Double = 60,
                userAgent: String = HTTPTransportSettings.defaultUserAgent, useNetrc: Bool = true,
                netrcFile: String? = nil, maxResponseBytes: Int = 256 << 20, lowSpeedLimit: Int = 1024,
                lowSpeedTime: Double = 10, deadlineSeconds: Double? = nil, maxBytesInFlight: Int? = nil) {
        self.maxConcurrentTransfers = max(1, maxConcurrentTransfers)
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.userAgent = userAgent
        self.useNetrc = useNetrc
        self.netrcFile = netrcFile
        self.maxResponseBytes = maxResponseBytes
        self.lowSpeedLimit = max(0, lowSpeedLimit)
        self.lowSpeedTime = max(1, lowSpeedTime.rounded(.up))
        self.deadlineSeconds = deadlineSeconds
        self.maxBytesInFlight = maxBytesInFlight ?? max(maxResponseBytes, 128 << 20)
        self.deadline = deadlineSeconds.map { Date().addingTimeInterval($0) }
    }

    /// Seconds left before the deadline (nil without one; 0 or less once it has passed).
    func secondsLeft(now: Date = Date()) -> Double? { deadline.map { $0.timeIntervalSince(now) } }

    /// Settings for the run's `IndexLimits`: their timeouts, low-speed check and deadline (which
    /// starts now), and a transport-wide body limit as large as the largest answer kind's.
    public init(limits: IndexLimits, maxConcurrentTransfers: Int = 16,
                userAgent: String = HTTPTransportSettings.defaultUserAgent, useNetrc: Bool = true, netrcFile: String? = nil) {
        let largest = max(limits.maxProjectDocumentBytes, limits.maxVersionDocumentBytes, limits.maxCoreMetadataBytes,
                          limits.maxWheelRangeBytes)
        self.init(maxConcurrentTransfers: maxConcurrentTransfers, connectTimeout: limits.connectTimeout,
                  totalTimeout: limits.requestTimeout, userAgent: userAgent, useNetrc: useNetrc, netrcFile: netrcFile,
                  maxResponseBytes: max(largest, 256 << 20), lowSpeedLimit: limits.lowSpeedLimit,
                  lowSpeedTime: limits.lowSpeedTime, deadlineSeconds: limits.deadline,
                  maxBytesInFlight: max(limits.maxBytesInFlight, largest))
    }

    /// pinaudit's version, as it appears in the `User-Agent` header.
    public static let clientVersion = "0.1.0"
    public static let defaultUserAgent = "pinaudit/\(clientVersion)"
}
