import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

@Suite("libcurl transport")
struct CurlTransportTests {
    @Test func exposesStatusHeadersAndBody() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/doc", LoopbackResponse(status: 200, headers: [
            ("Content-Type", "application/json"), ("ETag", "\"v1\""), ("Last-Modified", "Tue, 14 Nov 2023 22:13:25 GMT"),
            ("Retry-After", "5"),
        ], body: Data("{}".utf8)))
        let transport = CurlTransport()
        let response = try await transport.send(HTTPRequest(url: server.baseURL + "/doc")).get()
        #expect(response.status == 200)
        #expect(response.statusLine == "200 OK")
        #expect(response.etag == "\"v1\"")
        #expect(response.lastModified == "Tue, 14 Nov 2023 22:13:25 GMT")
        #expect(response.contentType == "application/json")
        #expect(response.retryAfter == "5")
        #expect(response.body == Data("{}".utf8))
        #expect(response.httpVersion == "1.1")
        #expect(response.newConnections == 1)
        #expect(transport.counters.requests == 1)
    }

    @Test func followsRedirects() async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.route("/old/requests/json", LoopbackResponse(status: 301, headers: [
            ("Location", index.jsonAPIURL + "/requests/json"),
        ]))
        let client = TestEnvironment.client(index.server.baseURL + "/old")
        // "/old" is not a JSON API URL by its path; name the API explicitly.
        let configured = IndexClient(options: IndexClientOptions(
            configuration: IndexConfiguration(primary: IndexEndpoint(url: index.server.baseURL + "/old", api: .json, origin: "test")),
            useNetrc: false))
        #expect(client.endpoints.first?.api == .simple)
        #expect(await configured.project("requests").value?.name == "requests")
        #expect(index.server.requestCount("/pypi/requests/json") == 1)
    }

    @Test func decodesGzipEncodedBodies() async throws {
        let server = try LoopbackHTTPServer()
        let folder = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("encoded")
        let compressed = try Data(contentsOf: folder.appendingPathComponent("oldpkg.json.gz"))
        server.route("/pypi/oldpkg/json", LoopbackResponse(status: 200, headers: [
            ("Content-Type", "application/json"), ("Content-Encoding", "gzip"),
        ], body: compressed))
        let client = TestEnvironment.client(server.baseURL + "/pypi")
        let facts = try #require(await client.project("oldpkg").value)
        #expect(facts.releases.map(\.version) == ["0.9", "1.0"])
        #expect(client.statistics.bytesDownloaded > compressed.count)
    }

    @Test func credentialsComeFromANetrcFile() async throws {
        let index = try TestEnvironment.fixtureServer()
        let netrc = TestEnvironment.temporaryFolder().appendingPathComponent("netrc")
        try "machine 127.0.0.1 login dave password from-netrc\n".write(to: netrc, atomically: true, encoding: .utf8)
        let client = IndexClient(options: IndexClientOptions(
            configuration: IndexConfiguration(primary: .detect(index.jsonAPIURL, origin: "test")),
            useNetrc: true, netrcFile: netrc.path))
        #expect(await client.project("requests").value != nil)
        #expect(index.server.requests.first?.header("authorization")
            == "Basic " + Data("dave:from-netrc".utf8).base64EncodedString())
    }

    @Test func requestsQueuedBeyondTheBoundStillComplete() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/slow", .text("done"))
        server.setResponseDelay(0.02)
        let transport = CurlTransport(settings: HTTPTransportSettings(maxConcurrentTransfers: 1))
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<10 {
                group.addTask { (try? await transport.send(HTTPRequest(url: server.baseURL + "/slow")).get().status) ?? 0 }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 10))
        #expect(server.peakConcurrentRequests == 1)
    }

    @Test func unsupportedSchemesFailWithoutRetries() async {
        let transport = CurlTransport()
        let result = await transport.send(HTTPRequest(url: "file:///etc/passwd"))
        #expect(result.failure?.kind == .invalidURL)
        #expect(result.failure?.isRetryable == false)
        let client = TestEnvironment.client("ftp://127.0.0.1:1/pypi")
        let reason = await client.project("requests").failure?.reason
        #expect(reason?.hasPrefix("invalid or unsupported URL") == true)
        #expect(client.statistics.requests == 1)
    }
}
