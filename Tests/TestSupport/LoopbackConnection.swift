import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Serves the requests of one accepted connection until the client closes it, a fault ends
/// it or the server stops.
struct LoopbackConnection {
    let fd: Int32
    let server: LoopbackServerState
    private var buffer: [UInt8] = []

    init(fd: Int32, server: LoopbackServerState) {
        self.fd = fd
        self.server = server
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    mutating func serve() {
        while !server.isStopped, let request = readRequest() {
            let (fault, response, delay) = server.withLock { table -> (LoopbackFault?, LoopbackResponse?, Double) in
                table.log.append(request)
                table.inFlight += 1
                table.peakInFlight = max(table.peakInFlight, table.inFlight)
                var fault: LoopbackFault?
                if var queue = table.faults[request.path], !queue.isEmpty {
                    fault = queue.removeFirst()
                    table.faults[request.path] = queue
                }
                let response = table.routes[request.path] ?? table.handlers[request.path]?(request) ?? table.fallback?(request)
                return (fault, response, table.responseDelay)
            }
            defer { server.withLock { $0.inFlight -= 1 } }
            if delay > 0 { sleepUnlessStopped(delay) }
            let keepOpen = answer(request, fault: fault, route: response)
            if !keepOpen || request.header("connection")?.lowercased() == "close" { return }
        }
    }

    /// Sends the answer; false when the connection must end.
    private func answer(_ request: LoopbackRequest, fault: LoopbackFault?, route: LoopbackResponse?) -> Bool {
        var response = route ?? LoopbackResponse.text("No route for \(request.path).", status: 404)
        if fault == nil, let misbehaviour = response.misbehaviour {
            misbehave(misbehaviour, response: response)
            return false
        }
        switch fault {
        case .status(let status, let retryAfter)?:
            response = LoopbackResponse.text("Injected \(status).", status: status)
            if let retryAfter { response.headers.append(("Retry-After", retryAfter)) }
        case .delay(let seconds)?:
            sleepUnlessStopped(seconds)
        case .truncatedBody?:
            send(head(response, contentLength: response.body.count + 100) + [UInt8](response.body.prefix(response.body.count / 2)))
            return false
        case .invalidJSON?:
            response = LoopbackResponse.json("{\"info\": {\"name\": \"broken\", ")
        case .connectionReset?:
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            return false
        case nil:
            break
        }
        if response.status == 200, isNotModified(request, response) {
            response = LoopbackResponse(status: 304, headers: response.headers.filter {
                ["etag", "last-modified"].contains($0.0.lowercased())
            })
        }
        if response.status == 200, response.servesRanges, let range = request.header("range") {
            response = response.part(forRange: range)
        }
        return send(head(response, contentLength: response.body.count) + [UInt8](response.body))
    }

    private func isNotModified(_ request: LoopbackRequest, _ response: LoopbackResponse) -> Bool {
        if let tag = request.header("if-none-match"), let etag = response.header("etag") { return tag == etag }
        if let since = request.header("if-modified-since"), let modified = response.header("last-modified") {
            return since == modified
        }
        return false
    }

    private func head(_ response: LoopbackResponse, contentLength: Int) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(LoopbackResponse.reasonPhrase(response.status))\r\n"
        for (name, value) in response.headers where name.lowercased() != "content-length" {
            text += "\(name): \(value)\r\n"
        }
        text += "Content-Length: \(contentLength)\r\n\r\n"
        return Array(text.utf8)
    }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    func sleepUnlessStopped(_ seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline, !server.isStopped { usleep(10_000) }
    }

    /// Reads one request head (and skips a body announced by Content-Length).
    private mutating func readRequest() -> LoopbackRequest? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        while true {
            if let end = firstRange(of: terminator) {
                let headText = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                guard var request = Self.parseHead(headText) else { return nil }
                if let length = request.header("content-length").flatMap(Int.init), length > 0 {
                    while buffer.count < length { guard receive() else { return nil } }
                    request.body = Data(buffer[..<length])
                    buffer.removeFirst(length)
                }
                request.headers["x-loopback-connection"] = String(fd)
                return request
            }
            if buffer.count > 64 * 1024 { return nil }
            guard receive() else { return nil }
        }
    }

    private mutating func receive() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer += chunk[..<count]
        return true
    }

    private func firstRange(of pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        for start in 0...(buffer.count - pattern.count) where buffer[start] == pattern[0] {
            if Array(buffer[start..<(start + pattern.count)]) == pattern { return start }
        }
        return nil
    }

    static func parseHead(_ text: String) -> LoopbackRequest? {
        let lines = text.components(separatedBy: "\r\n")
        let parts = lines.first?.split(separator: " ") ?? []
        guard parts.count >= 2 else { return nil }
        let target = String(parts[1])
        let pieces = target.split(separator: "?", maxSplits: 1)
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return LoopbackRequest(method: String(parts[0]), path: pieces.first.map(String.init) ?? "/",
                               query: pieces.count > 1 ? String(pieces[1]) : nil, headers: headers)
    }
}
