import Foundation

/// A request as the loopback server received it.
public struct LoopbackRequest: Sendable {
    public var method: String
    /// The path without the query string.
    public var path: String
    public var query: String?
    /// Header names lowercased.
    public var headers: [String: String]

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A canned response.
public struct LoopbackResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int = 200, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON body with `Content-Type: application/json` and, when given, an ETag.
    public static func json(_ text: String, etag: String? = nil, contentType: String = "application/json") -> LoopbackResponse {
        var headers = [("Content-Type", contentType)]
        if let etag { headers.append(("ETag", etag)) }
        return LoopbackResponse(status: 200, headers: headers, body: Data(text.utf8))
    }

    /// A plain text body.
    public static func text(_ text: String, status: Int = 200) -> LoopbackResponse {
        LoopbackResponse(status: status, headers: [("Content-Type", "text/plain")], body: Data(text.utf8))
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 304: "Not Modified"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }
}

/// A misbehaviour injected for one request to a path; faults queue and are used in order.
public enum LoopbackFault: Sendable {
    /// Answer with this status (and `Retry-After` when given) instead of the route.
    case status(Int, retryAfter: String? = nil)
    /// Wait this many seconds, then answer normally (or not at all, if the client gave up).
    case delay(Double)
    /// Announce more bytes than sent, send the route's body, then close the connection.
    case truncatedBody
    /// Answer 200 with a body that is not JSON.
    case invalidJSON
    /// Close the connection with a TCP reset instead of answering.
    case connectionReset
}
