import Foundation

/// One request: a GET, or a POST when it carries a body.
public struct HTTPRequest: Sendable, Hashable {
    /// Absolute http(s) URL; may carry `user:password@` credentials, which curl sends as Basic auth.
    public var url: String
    /// Extra request headers (`Accept`, `If-None-Match`, ...), in order.
    public var headers: [HTTPHeaderField]
    /// Asks for part of the body (`Range`); the response is then sent uncompressed, since
    /// byte offsets must count the file's own bytes.
    public var byteRange: HTTPByteRange?
    /// A body larger than this fails the transfer; nil means the transport's limit.
    public var maxResponseBytes: Int?
    /// A JSON body: the request is then a POST with `Content-Type: application/json` (unless
    /// `headers` name another content type). Nil for a GET.
    public var body: Data?
    public var priority: Priority

    /// Which requests go first when more are waiting than may run.
    public enum Priority: Sendable, Hashable {
        /// Documents: sent in the order asked.
        case normal
        /// Small answers that a chain of further requests waits for (version documents, core
        /// metadata, parts of wheels): sent before any waiting `.normal` request, so a few large
        /// documents never hold up the chains that finish a package.
        case small
    }

    public init(url: String, headers: [HTTPHeaderField] = [], byteRange: HTTPByteRange? = nil,
                maxResponseBytes: Int? = nil, body: Data? = nil, priority: Priority = .normal) {
        self.url = url
        self.headers = headers
        self.byteRange = byteRange
        self.maxResponseBytes = maxResponseBytes
        self.body = body
        self.priority = priority
    }

    /// "POST" when there is a body, else "GET".
    public var method: String { body == nil ? "GET" : "POST" }
}

/// The bytes a `Range` request asks for (RFC 9110, section 14.1.2).
public enum HTTPByteRange: Sendable, Hashable {
    /// The last `count` bytes: `bytes=-count`.
    case suffix(Int)
    /// Bytes `first` through `last`, both included: `bytes=first-last`.
    case span(first: Int, last: Int)

    /// The value of the `Range` header.
    public var headerValue: String {
        switch self {
        case .suffix(let count): "bytes=-\(count)"
        case .span(let first, let last): "bytes=\(first)-\(last)"
        }
    }
}

/// A `Content-Range: bytes first-last/total` header of a 206 response.
public struct HTTPContentRange: Sendable, Hashable {
    public var first: Int
    public var last: Int
    /// The whole representation's length; nil when the server sent `*`.
    public var total: Int?

    public init(first: Int, last: Int, total: Int?) {
        self.first = first
        self.last = last
        self.total = total
    }

    /// Parses `bytes 163164-228699/228700`; nil for anything else (`bytes */1234` included).
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("bytes ") else { return nil }
        let spec = trimmed.dropFirst("bytes ".count).trimmingCharacters(in: .whitespaces)
        let halves = spec.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard halves.count == 2 else { return nil }
        let bounds = halves[0].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard bounds.count == 2, let first = Int(bounds[0]), let last = Int(bounds[1]), first >= 0, last >= first
        else { return nil }
        let total: Int?
        if halves[1] == "*" {
            total = nil
        } else {
            guard let length = Int(halves[1]), length > last else { return nil }
            total = length
        }
        self.init(first: first, last: last, total: total)
    }
}

/// A header name and value.
public struct HTTPHeaderField: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A complete response: the last one after redirects.
public struct HTTPResponse: Sendable {
    /// HTTP status code (200, 304, 404, ...).
    public var status: Int
    /// The reason phrase of the status line when the server sent one (HTTP/2 never does).
    public var reasonPhrase: String
    /// Headers of the final response, keys lowercased; repeated headers are joined with ", ".
    public var headers: [String: String]
    /// The decoded body (curl undoes gzip/br/deflate).
    public var body: Data
    /// The URL after redirects, as curl reports it.
    public var effectiveURL: String
    /// The protocol the answer came over: "1.1", "2", "3" ("" when unknown).
    public var httpVersion: String
    /// Connections this transfer had to open (0 when it reused one, as multiplexed transfers do).
    public var newConnections: Int

    public init(status: Int, reasonPhrase: String = "", headers: [String: String] = [:], body: Data = Data(),
                effectiveURL: String = "", httpVersion: String = "", newConnections: Int = 0) {
        self.status = status
        self.reasonPhrase = reasonPhrase
        self.headers = headers
        self.body = body
        self.effectiveURL = effectiveURL
        self.httpVersion = httpVersion
        self.newConnections = newConnections
    }

    /// A header by case-insensitive name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    public var etag: String? { header("etag") }
    public var lastModified: String? { header("last-modified") }
    public var contentType: String? { header("content-type") }
    public var retryAfter: String? { header("retry-after") }
    /// The `Content-Range` of a partial (206) response, parsed.
    public var contentRange: HTTPContentRange? { header("content-range").flatMap(HTTPContentRange.init) }

    /// "503 Service Unavailable": the status and the server's phrase, or the standard phrase.
    public var statusLine: String {
        let phrase = reasonPhrase.isEmpty ? HTTPResponse.standardPhrase(status) : reasonPhrase
        return phrase.isEmpty ? "HTTP \(status)" : "\(status) \(phrase)"
    }

    static func standardPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 206: "Partial Content"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 410: "Gone"
        case 416: "Range Not Satisfiable"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: ""
        }
    }
}
