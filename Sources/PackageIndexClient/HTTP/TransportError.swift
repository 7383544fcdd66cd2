import CCurlShim

/// A transfer that produced no complete HTTP response.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in the terms the retry policy needs.
    public enum Kind: Sendable, Hashable {
        case couldNotResolveHost
        case connectionRefused
        /// The whole request took longer than its timeout.
        case timedOut
        /// No connection within the connect timeout.
        case connectTimedOut
        /// Slower than the low-speed limit for the low-speed time: a server that hangs or drips.
        case stalled
        /// The run's deadline passed before the transfer could finish (or start).
        case deadlineExceeded
        /// The response's header section was larger than the transport accepts.
        case headersTooLarge
        /// The bodies being received at once passed the run's in-flight limit.
        case inFlightLimitExceeded
        case truncatedBody
        case connectionReset
        case tls
        case tooManyRedirects
        case responseTooLarge
        case invalidURL
        case cancelled
        case other
    }

    public var kind: Kind
    /// libcurl's CURLcode, 0 when the error did not come from curl.
    public var curlCode: Int
    /// libcurl's own message, with credentials redacted.
    public var detail: String

    public init(kind: Kind, curlCode: Int = 0, detail: String = "") {
        self.kind = kind
        self.curlCode = curlCode
        self.detail = detail
    }

    /// Whether trying again can help.
    public var isRetryable: Bool {
        switch kind {
        case .couldNotResolveHost, .connectionRefused, .timedOut, .connectTimedOut, .stalled, .truncatedBody, .connectionReset,
             .inFlightLimitExceeded, .other: true
        case .tls, .tooManyRedirects, .responseTooLarge, .headersTooLarge, .deadlineExceeded, .invalidURL, .cancelled: false
        }
    }

    public var description: String {
        switch kind {
        case .couldNotResolveHost: "could not resolve host"
        case .connectionRefused: "connection refused"
        case .timedOut: "timed out"
        case .connectTimedOut: "no connection within the connect timeout"
        case .stalled: "the answer stalled below the low-speed limit"
        case .deadlineExceeded: "the run's deadline passed"
        case .headersTooLarge: "response headers too large"
        case .inFlightLimitExceeded: "too many bytes in transfer at once"
        case .truncatedBody: "truncated response body"
        case .connectionReset: "connection reset"
        case .tls: detail.isEmpty ? "TLS error" : "TLS error: \(detail)"
        case .tooManyRedirects: "too many redirects"
        case .responseTooLarge: "response too large"
        case .invalidURL: detail.isEmpty ? "invalid or unsupported URL" : "invalid or unsupported URL: \(detail)"
        case .cancelled: "transfer cancelled"
        case .other: detail.isEmpty ? "transfer failed (curl error \(curlCode))" : "transfer failed: \(detail)"
        }
    }

    /// Classifies a CURLcode from a finished transfer.
    static func fromCurl(_ code: CURLcode, detail: String) -> TransportError {
        let kind: Kind
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: kind = .couldNotResolveHost
        case CURLE_COULDNT_CONNECT: kind = .connectionRefused
        case CURLE_OPERATION_TIMEDOUT: kind = .timedOut
        case CURLE_PARTIAL_FILE: kind = .truncatedBody
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_HTTP2, CURLE_HTTP2_STREAM: kind = .connectionReset
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE:
            kind = .tls
        case CURLE_TOO_MANY_REDIRECTS: kind = .tooManyRedirects
        case CURLE_WRITE_ERROR, CURLE_FILESIZE_EXCEEDED: kind = .responseTooLarge
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: kind = .invalidURL
        default: kind = .other
        }
        return TransportError(kind: kind, curlCode: Int(code.rawValue), detail: URLRedaction.redactingURLs(in: detail))
    }
}
