import Foundation
import CZlibShim
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

/// The transport's limits against misbehaving servers: the run's deadline, the low-speed check,
/// body and header sizes (decoded bytes counted), each failing with its own kind.
@Suite("Transport limits")
struct TransportLimitTests {
    static func serving(_ misbehaviour: LoopbackMisbehaviour?, body: Data = Data("{\"ok\": true}".utf8)) throws -> LoopbackHTTPServer {
        let server = try LoopbackHTTPServer()
        server.route("/doc", LoopbackResponse(status: 200, headers: [("Content-Type", "application/json")], body: body,
                                              misbehaviour: misbehaviour))
        return server
    }

    @Test func theDeadlineCutsARunningTransferAndFailsQueuedOnesWithoutSending() async throws {
        let server = try Self.serving(.hangAfterAccept)
        server.route("/other", LoopbackResponse.json("{}"))
        let transport = CurlTransport(settings: HTTPTransportSettings(maxConcurrentTransfers: 1, totalTimeout: 300, lowSpeedLimit: 0,
                                                                      deadlineSeconds: 1))
        let start = Date()
        async let hung = transport.send(HTTPRequest(url: server.baseURL + "/doc"))
        try await Task.sleep(nanoseconds: 100_000_000)
        async let queued = transport.send(HTTPRequest(url: server.baseURL + "/other"))
        let (first, second) = await (hung, queued)
        #expect(first.failure?.kind == .deadlineExceeded)
        #expect(second.failure?.kind == .deadlineExceeded)
        // Generous: a loaded machine may resume the test late; the request timeout would be 300 s.
        #expect(Date().timeIntervalSince(start) < 100)
        #expect(server.requestCount("/other") == 0, "a request whose turn came after the deadline is not sent")
    }

    @Test(arguments: [LoopbackMisbehaviour.hangAfterAccept, .hangAfterHeaders, .drip(interval: 0.3)])
    func aStalledAnswerFailsAtTheLowSpeedTime(misbehaviour: LoopbackMisbehaviour) async throws {
        let server = try Self.serving(misbehaviour)
        let transport = CurlTransport(settings: HTTPTransportSettings(totalTimeout: 300, lowSpeedLimit: 100, lowSpeedTime: 1))
        let start = Date()
        let result = await transport.send(HTTPRequest(url: server.baseURL + "/doc"))
        #expect(result.failure?.kind == .stalled)
        #expect(Date().timeIntervalSince(start) < 100, "the low-speed check, not the 300 s request timeout, ended it")
    }

    @Test(arguments: [LoopbackMisbehaviour.endlessBody, .gzipBomb])
    func aBodyStopsAtItsLimitCountingDecodedBytes(misbehaviour: LoopbackMisbehaviour) async throws {
        let server = try Self.serving(misbehaviour)
        let transport = CurlTransport()
        let result = await transport.send(HTTPRequest(url: server.baseURL + "/doc", maxResponseBytes: 4 << 20))
        #expect(result.failure?.kind == .responseTooLarge)
    }

    /// The bomb is valid deflate: it decodes to zeros, 2,064 per 13 bytes (so the limit, not a
    /// decoding error, is what ends it in the tests above).
    @Test func theGzipBombStreamDecodesToZeros() {
        let stream = GzipZeroStream()
        #expect(Array(stream.start.prefix(3)) == [0x1F, 0x8B, 8])
        let deflate = Array(stream.start.dropFirst(10)) + Array(repeating: stream.period, count: 100).flatMap { $0 }
        var output = [UInt8](repeating: 1, count: 1 << 20)
        var produced = 0
        let status = deflate.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                pinaudit_inflate_raw(input.baseAddress, input.count, out.baseAddress, out.count, &produced)
            }
        }
        #expect(status == Z_BUF_ERROR, "the stream never ends, so the input runs out")
        #expect(produced >= 100 * 2064)
        #expect(output[..<produced].allSatisfy { $0 == 0 })
    }

    @Test func hugeHeadersFailWithTheirOwnKind() async throws {
        let server = try Self.serving(.hugeHeaders(bytes: 2 << 20))
        let result = await CurlTransport().send(HTTPRequest(url: server.baseURL + "/doc"))
        #expect(result.failure?.kind == .headersTooLarge)
    }

    @Test func anIndexDocumentOverItsLimitNamesTheLimitAndIsNotRetried() async throws {
        let index = try TestEnvironment.fixtureServer()
        let path = "/pypi/requests/json"
        let original = try #require(index.server.fixedRoute(path))
        var endless = original
        endless.misbehaviour = .endlessBody
        index.server.route(path, endless)
        var limits = IndexLimits.defaults
        limits.maxProjectDocumentBytes = 1 << 20
        let client = IndexClient(options: IndexClientOptions(
            configuration: IndexConfiguration(primary: .detect(index.jsonAPIURL, origin: "test")),
            retryPolicy: TestEnvironment.fastRetries, useNetrc: false, limits: limits))
        let reason = try #require(await client.project("requests").failure?.reason)
        #expect(reason == "an answer larger than 1 MiB (the limit for project documents) from \(index.jsonAPIURL)/requests/json: "
            + "raise it with --max-project-document-size, PINAUDIT_MAX_PROJECT_DOCUMENT_SIZE or `max-project-document-size` "
            + "under [index-limits] in .pinaudit.toml")
        #expect(index.server.requestCount(path) == 1)
    }
}
