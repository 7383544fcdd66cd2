import Foundation

/// A request as the loopback server received it.
public struct LoopbackRequest: Sendable {
    public var method: String
    /// The path without the query string.
    public var path: String
    public var query: String?
    /// Header names lowercased.
    public var headers: [String: String]
    /// The body announced by `Content-Length` (empty for a GET).
    public var body: Data = Data()

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// A canned response.
public struct LoopbackResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data
    /// Whether a `Range: bytes=-N`, `bytes=A-B` or `bytes=A-` request gets 206 with that part
    /// (416 when it starts past the end); otherwise `Range` is ignored and the body sent whole.
    public var servesRanges: Bool
    /// When set, the connection misbehaves this way instead of answering (see `HostileIndexServer`).
    public var misbehaviour: LoopbackMisbehaviour?

    public init(status: Int = 200, headers: [(String, String)] = [], body: Data = Data(), servesRanges: Bool = false,
                misbehaviour: LoopbackMisbehaviour? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.servesRanges = servesRanges
        self.misbehaviour = misbehaviour
    }

    /// A binary file (`application/octet-stream`), by default served in parts on request.
    public static func file(_ body: Data, servesRanges: Bool = true) -> LoopbackResponse {
        LoopbackResponse(status: 200, headers: [("Content-Type", "application/octet-stream")], body: body,
                         servesRanges: servesRanges)
    }

    /// The part of this response a `Range` header asks for: 206 with `Content-Range`, 416 when
    /// unsatisfiable, or the whole response for a header it does not understand.
    func part(forRange header: String) -> LoopbackResponse {
        let total = body.count
        let spec = header.trimmingCharacters(in: .whitespaces)
        guard spec.hasPrefix("bytes="), !spec.contains(",") else { return self }
        let bounds = spec.dropFirst("bytes=".count).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard bounds.count == 2 else { return self }
        var first: Int
        var last: Int
        if bounds[0].isEmpty {
            guard let count = Int(bounds[1]), count > 0 else { return self }
            first = max(0, total - count)
            last = total - 1
        } else {
            guard let start = Int(bounds[0]) else { return self }
            first = start
            last = bounds[1].isEmpty ? total - 1 : min(Int(bounds[1]) ?? -1, total - 1)
            guard last >= first || first >= total else { return self }
        }
        if first >= total || total == 0 {
            return LoopbackResponse(status: 416, headers: [("Content-Range", "bytes */\(total)")])
        }
        var headers = self.headers
        headers.append(("Content-Range", "bytes \(first)-\(last)/\(total)"))
        headers.append(("Accept-Ranges", "bytes"))
        return LoopbackResponse(status: 206, headers: headers, body: body.subdata(in: first..<(last + 1)))
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
        case 206: "Partial Content"
        case 304: "Not Modified"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 416: "Range Not Satisfiable"
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
