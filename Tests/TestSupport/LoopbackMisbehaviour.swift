import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ways a hostile server answers a request, for tests of the client's limits. Each goes on until
/// the client gives up (closes the connection) or the server stops.
public enum LoopbackMisbehaviour: Sendable {
    /// Accept the connection, read the request, never send a byte.
    case hangAfterAccept
    /// Send the status line and headers (announcing the route's body), then nothing.
    case hangAfterHeaders
    /// Send the head, then the route's body one byte every `interval` seconds.
    case drip(interval: Double)
    /// Send a body without a length (connection-delimited) that never ends, as fast as the client reads.
    case endlessBody
    /// Send `Content-Encoding: gzip` and a compressed stream of zeros that never ends (each
    /// 13 bytes on the wire decode to 2,064 bytes).
    case gzipBomb
    /// Send headers of `bytes` bytes in all (lines of 8 KiB), then the route's body.
    case hugeHeaders(bytes: Int)
}

extension LoopbackConnection {
    /// Carries out `misbehaviour` for one request; the connection is closed afterwards.
    func misbehave(_ misbehaviour: LoopbackMisbehaviour, response: LoopbackResponse) {
        switch misbehaviour {
        case .hangAfterAccept:
            waitForClientToLeave()
        case .hangAfterHeaders:
            guard send(rawHead(response, extra: "Content-Length: \(max(1, response.body.count))\r\n")) else { return }
            waitForClientToLeave()
        case .drip(let interval):
            guard send(rawHead(response, extra: "Content-Length: \(response.body.count)\r\n")) else { return }
            for byte in response.body {
                sleepUnlessStopped(interval)
                guard !server.isStopped, send([byte]) else { return }
            }
        case .endlessBody:
            guard send(rawHead(response, extra: "Connection: close\r\n")) else { return }
            let chunk = [UInt8](repeating: UInt8(ascii: "["), count: 64 * 1024)
            while !server.isStopped, send(chunk) {}
        case .gzipBomb:
            guard send(rawHead(response, extra: "Content-Encoding: gzip\r\nConnection: close\r\n")) else { return }
            let stream = GzipZeroStream()
            guard send(stream.start) else { return }
            let chunk = Array(repeating: stream.period, count: 4096).flatMap { $0 }
            while !server.isStopped, send(chunk) {}
        case .hugeHeaders(let bytes):
            var head = "HTTP/1.1 \(response.status) \(LoopbackResponse.reasonPhrase(response.status))\r\n"
            guard send(Array(head.utf8)) else { return }
            let line = "X-Padding: " + String(repeating: "a", count: 8 * 1024 - 13) + "\r\n"
            var sent = 0
            while sent < bytes, !server.isStopped {
                guard send(Array(line.utf8)) else { return }
                sent += line.utf8.count
            }
            head = "Content-Length: \(response.body.count)\r\n\r\n"
            send(Array(head.utf8) + [UInt8](response.body))
        }
    }

    /// The status line and the route's headers (no length), plus `extra` header lines.
    private func rawHead(_ response: LoopbackResponse, extra: String) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(LoopbackResponse.reasonPhrase(response.status))\r\n"
        for (name, value) in response.headers where name.lowercased() != "content-length" {
            text += "\(name): \(value)\r\n"
        }
        return Array((text + extra + "\r\n").utf8)
    }

    /// Holds the connection open, sending nothing, until the client closes it or the server stops.
    private func waitForClientToLeave() {
        var byte: UInt8 = 0
        while !server.isStopped {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 50)
            if ready > 0 {
                // Readable with nothing to read: the client closed (or reset) the connection.
                if recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) <= 0 { return }
                usleep(50_000)
            }
        }
    }
}

/// A gzip member whose deflate data is one fixed-Huffman block of zeros that never ends: a
/// literal 0, then <length 258, distance 1> copies (13 bits each). Eight copies are 104 bits,
/// 13 bytes, so after the first bytes the stream repeats every 13 bytes.
public struct GzipZeroStream: Sendable {
    /// The gzip header (10 bytes) and the deflate bytes before the repeating part.
    public let start: [UInt8]
    /// 13 bytes that decode to 8 × 258 zeros, repeated forever after `start`.
    public let period: [UInt8]

    public init() {
        var bits = DeflateBitWriter()
        bits.write(0, count: 1)           // BFINAL: not the last block
        bits.write(1, count: 2)           // BTYPE 01: fixed Huffman codes
        bits.writeCode(0x30, count: 8)    // literal 0
        for _ in 0..<16 {
            bits.writeCode(0xC5, count: 8) // length code 285: 258 bytes
            bits.writeCode(0, count: 5)    // distance code 0: distance 1
        }
        // Bit 16 starts 5 bits into a copy; from there every 13 bytes are alike.
        let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        start = header + bits.bytes[0..<2]
        period = Array(bits.bytes[2..<15])
    }
}

/// Packs deflate's bit stream: values least significant bit first, Huffman codes most
/// significant bit first (RFC 1951, section 3.1.1).
struct DeflateBitWriter {
    private(set) var bytes: [UInt8] = []
    private var used = 8

    mutating func write(_ value: Int, count: Int) {
        for index in 0..<count { push((value >> index) & 1) }
    }

    mutating func writeCode(_ code: Int, count: Int) {
        for index in stride(from: count - 1, through: 0, by: -1) { push((code >> index) & 1) }
    }

    private mutating func push(_ bit: Int) {
        if used == 8 { bytes.append(0); used = 0 }
        bytes[bytes.count - 1] |= UInt8(bit) << UInt8(used)
        used += 1
    }
}
