import Foundation

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

    public init(maxConcurrentTransfers: Int = 16, connectTimeout: Double = 10, totalTimeout: Double = 60,
                userAgent: String = HTTPTransportSettings.defaultUserAgent, useNetrc: Bool = true,
                netrcFile: String? = nil, maxResponseBytes: Int = 256 << 20) {
        self.maxConcurrentTransfers = max(1, maxConcurrentTransfers)
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.userAgent = userAgent
        self.useNetrc = useNetrc
        self.netrcFile = netrcFile
        self.maxResponseBytes = maxResponseBytes
    }

    /// pinaudit's version, as it appears in the `User-Agent` header.
    public static let clientVersion = "0.1.0"
    public static let defaultUserAgent = "pinaudit/\(clientVersion)"
}
