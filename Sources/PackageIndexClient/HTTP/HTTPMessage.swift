import Foundation

/// One GET request to the index.
public struct HTTPRequest: Sendable, Hashable {
    /// Absolute http(s) URL; may carry `user:password@` credentials, which curl sends as Basic auth.
    public var url: String
    /// Extra request headers (`Accept`, `If-None-Match`, ...), in order.
    public var headers: [HTTPHeaderField]

    public init(url: String, headers: [HTTPHeaderField] = []) {
        self.url = url
        self.headers = headers
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

    public init(status: Int, reasonPhrase: String = "", headers: [String: String] = [:], body: Data = Data(),
                effectiveURL: String = "") {
        self.status = status
        self.reasonPhrase = reasonPhrase
        self.headers = headers
        self.body = body
        self.effectiveURL = effectiveURL
    }

    /// A header by case-insensitive name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    public var etag: String? { header("etag") }
    public var lastModified: String? { header("last-modified") }
    public var contentType: String? { header("content-type") }
    public var retryAfter: String? { header("retry-after") }

    /// "503 Service Unavailable": the status and the server's phrase, or the standard phrase.
    public var statusLine: String {
        let phrase = reasonPhrase.isEmpty ? HTTPResponse.standardPhrase(status) : reasonPhrase
        return phrase.isEmpty ? "HTTP \(status)" : "\(status) \(phrase)"
    }

    static func standardPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 410: "Gone"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: ""
        }
    }
}
