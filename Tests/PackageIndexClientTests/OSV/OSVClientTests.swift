import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

@Suite("OSV client")
struct OSVClientTests {
    static func client(_ osv: FakeOSVServer, batchSize: Int = OSVClient.maxQueriesPerBatch,
                       retries: RetryPolicy = TestEnvironment.fastRetries) -> OSVClient {
        OSVClient(baseURL: osv.baseURL + "/", transport: CurlTransport(settings: HTTPTransportSettings(
            maxConcurrentTransfers: 8, connectTimeout: 2, totalTimeout: 5, useNetrc: false)),
                  retryPolicy: retries, batchSize: batchSize)
    }

    @Test func batchQueryBodyIsAPostOfEveryPinInOrder() async throws {
        let osv = try FakeOSVServer()
        let result = await Self.client(osv).vulnerabilities(for: [(name: "requests", version: "2.19.0"),
                                                                  (name: "Jinja2", version: "2.10")])
        #expect(result.value?.keys.sorted() == ["Jinja2", "requests"])
        let batch = try #require(osv.server.requests.first { $0.path == "/v1/querybatch" })
        #expect(batch.method == "POST")
        #expect(batch.header("content-type") == "application/json")
        let queries = try #require(osv.receivedQueries.first)
        #expect(queries.count == 2)
        #expect((queries[0]["package"] as? [String: String]) == ["name": "requests", "ecosystem": "PyPI"])
        #expect(queries[0]["version"] as? String == "2.19.0")
        #expect((queries[1]["package"] as? [String: String])?["name"] == "Jinja2")
        #expect(queries[1]["version"] as? String == "2.10")
    }

    @Test func resultsAreMappedToTheirPackagesWithDetails() async throws {
        let osv = try FakeOSVServer()
        osv.affect("requests", "2.19.0", ids: ["GHSA-aaaa"])
        osv.affect("urllib3", "1.24", ids: ["PYSEC-1", "GHSA-bbbb"])
        osv.addRecord("GHSA-aaaa", json: FakeOSVServer.record(id: "GHSA-aaaa", aliases: ["CVE-2018-1"], package: "requests",
                                                              fixed: ["2.20.0"], summary: "Leaks the header",
                                                              otherPackage: (name: "urllib3", fixed: "9.9")))
        osv.addRecord("PYSEC-1", json: FakeOSVServer.record(id: "PYSEC-1", package: "URLLib3", fixed: ["1.24.2", "1.25.0"],
                                                            withdrawn: "2024-02-01T00:00:00Z"))
        osv.addRecord("GHSA-bbbb", json: #"{"id":"GHSA-bbbb","details":"First line.\nMore.","references":[{"url":"https://x.example/b"}]}"#)
        let found = try #require(await Self.client(osv).vulnerabilities(for: [
            (name: "requests", version: "2.19.0"), (name: "urllib3", version: "1.24"), (name: "six", version: "1.0"),
        ]).value)
        #expect(found["six"] == [])
        let requests = try #require(found["requests"]?.first)
        #expect(found["requests"]?.count == 1)
        #expect(requests == Vulnerability(id: "GHSA-aaaa", aliases: ["CVE-2018-1"], fixedIn: ["2.20.0"], summary: "Leaks the header",
                                          link: "https://advisory.example/GHSA-aaaa", withdrawn: false, source: "osv"))
        let urllib3 = try #require(found["urllib3"])
        #expect(urllib3.map(\.id) == ["PYSEC-1", "GHSA-bbbb"])
        #expect(urllib3[0].fixedIn == ["1.24.2", "1.25.0"], "only ECOSYSTEM ranges of the matching package")
        #expect(urllib3[0].withdrawn)
        #expect(urllib3[1].summary == "First line.")
        #expect(urllib3[1].link == "https://x.example/b")
        #expect(urllib3[1].fixedIn == [])
    }

    @Test func noVulnerabilitiesMeansNoDetailRequests() async throws {
        let osv = try FakeOSVServer()
        let found = await Self.client(osv).vulnerabilities(for: [(name: "attrs", version: "23.1.0")])
        #expect(found.value == ["attrs": []])
        #expect(osv.server.totalRequests == 1)
        #expect(await Self.client(osv).vulnerabilities(for: []).value == [:])
    }

    @Test func detailsOfAnIdAreFetchedOncePerRun() async throws {
        let osv = try FakeOSVServer()
        osv.affect("a", "1", ids: ["OSV-1"])
        osv.affect("b", "1", ids: ["OSV-1"])
        osv.addRecord("OSV-1", json: FakeOSVServer.record(id: "OSV-1", package: "a", fixed: ["2"],
                                                          otherPackage: (name: "b", fixed: "3")))
        let client = Self.client(osv)
        let found = try #require(await client.vulnerabilities(for: [(name: "a", version: "1"), (name: "b", version: "1")]).value)
        #expect(found["a"]?.first?.fixedIn == ["2"])
        #expect(found["b"]?.first?.fixedIn == ["3"])
        _ = await client.vulnerabilities(for: [(name: "a", version: "1")])
        #expect(osv.server.requestCount("/v1/vulns/OSV-1") == 1)
    }

    @Test func aServerErrorIsRetriedThenSucceeds() async throws {
        let osv = try FakeOSVServer()
        osv.affect("flask", "0.12", ids: ["OSV-2"])
        osv.addRecord("OSV-2", json: FakeOSVServer.record(id: "OSV-2", package: "flask", fixed: ["1.0"]))
        osv.server.inject(.status(503), at: "/v1/querybatch")
        osv.server.inject(.status(503), at: "/v1/vulns/OSV-2")
        let found = await Self.client(osv).vulnerabilities(for: [(name: "flask", version: "0.12")])
        #expect(found.value?["flask"]?.first?.fixedIn == ["1.0"])
        #expect(osv.server.requestCount("/v1/querybatch") == 2)
        #expect(osv.server.requestCount("/v1/vulns/OSV-2") == 2)
    }

    @Test func persistentFailureIsUnavailableWithoutCredentials() async throws {
        let osv = try FakeOSVServer()
        osv.server.inject(.status(503), at: "/v1/querybatch", times: 10)
        let base = osv.baseURL.replacingOccurrences(of: "http://", with: "http://user:s3cret@")
        let client = OSVClient(baseURL: base, transport: CurlTransport(settings: HTTPTransportSettings(useNetrc: false)),
                               retryPolicy: TestEnvironment.fastRetries)
        let result = await client.vulnerabilities(for: [(name: "flask", version: "0.12")])
        guard case .unavailable(let reason)? = result.failure else {
            Issue.record("expected .unavailable, got \(result)")
            return
        }
        #expect(reason.contains("503"))
        #expect(!reason.contains("s3cret"))
        #expect(osv.server.requestCount("/v1/querybatch") == TestEnvironment.fastRetries.maxAttempts)
    }

    @Test func aFailingDetailFailsTheAnswer() async throws {
        let osv = try FakeOSVServer()
        osv.affect("flask", "0.12", ids: ["OSV-3"])
        osv.server.inject(.status(500), at: "/v1/vulns/OSV-3", times: 10)
        osv.addRecord("OSV-3", json: FakeOSVServer.record(id: "OSV-3", package: "flask", fixed: ["1.0"]))
        let result = await Self.client(osv).vulnerabilities(for: [(name: "flask", version: "0.12")])
        #expect(result.failure != nil)
    }

    @Test func largeSetsAreSplitIntoBatches() async throws {
        let osv = try FakeOSVServer()
        let pins = (0..<2500).map { (name: "pkg\($0)", version: "1.0") }
        osv.affect("pkg2499", "1.0", ids: ["OSV-LAST"])
        osv.addRecord("OSV-LAST", json: FakeOSVServer.record(id: "OSV-LAST", package: "pkg2499", fixed: ["1.1"]))
        let found = try #require(await Self.client(osv).vulnerabilities(for: pins).value)
        #expect(found.count == 2500)
        #expect(found["pkg2499"]?.map(\.id) == ["OSV-LAST"])
        #expect(osv.receivedQueries.map(\.count) == [1000, 1000, 500])
        #expect(osv.receivedQueries[1].first?["version"] as? String == "1.0")
        #expect((osv.receivedQueries[2].first?["package"] as? [String: String])?["name"] == "pkg2000")
    }

    @Test func aSmallerBatchSizeIsHonoured() async throws {
        let osv = try FakeOSVServer()
        _ = await Self.client(osv, batchSize: 2).vulnerabilities(for: (0..<5).map { (name: "p\($0)", version: "1") })
        #expect(osv.receivedQueries.map(\.count) == [2, 2, 1])
    }

    @Test func aNextPageTokenIsFollowed() async throws {
        let osv = try FakeOSVServer()
        osv.affect("django", "1.11", ids: ["OSV-A"])
        osv.addSecondPage("django", "1.11", ids: ["OSV-B"])
        osv.addRecord("OSV-A", json: FakeOSVServer.record(id: "OSV-A", package: "django", fixed: ["2.0"]))
        osv.addRecord("OSV-B", json: FakeOSVServer.record(id: "OSV-B", package: "django", fixed: ["2.1"]))
        let found = await Self.client(osv).vulnerabilities(for: [(name: "django", version: "1.11")])
        #expect(found.value?["django"]?.map(\.id) == ["OSV-A", "OSV-B"])
        #expect(osv.receivedQueries.last?.first?["page_token"] as? String == "page-2")
    }

    @Test func theEnvironmentWinsOverTheConfigurationAndV1IsOptional() {
        #expect(OSVClient.resolveURL(configured: "http://configured", environment: ["PINAUDIT_OSV_URL": "http://env"]) == "http://env")
        #expect(OSVClient.resolveURL(configured: "http://configured", environment: [:]) == "http://configured")
        #expect(OSVClient.resolveURL(configured: nil, environment: [:]) == OSVClient.defaultURL)
        let transport = CurlTransport(settings: HTTPTransportSettings(useNetrc: false))
        #expect(OSVClient(baseURL: "http://127.0.0.1:9/v1/", transport: transport).baseURL == "http://127.0.0.1:9")
        #expect(OSVClient(baseURL: "http://127.0.0.1:9/osv", transport: transport).baseURL == "http://127.0.0.1:9/osv")
    }

    @Test func getRequestsAreUnchangedAndPostsCarryTheirBody() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/echo", .text("ok"))
        let transport = CurlTransport(settings: HTTPTransportSettings(useNetrc: false))
        _ = await transport.send(HTTPRequest(url: server.baseURL + "/echo"))
        _ = await transport.send(HTTPRequest(url: server.baseURL + "/echo", body: Data(#"{"a":1}"#.utf8)))
        _ = await transport.send(HTTPRequest(url: server.baseURL + "/echo", body: Data()))
        let requests = server.requests
        #expect(requests.map(\.method) == ["GET", "POST", "POST"])
        #expect(requests[0].body.isEmpty && requests[0].header("content-type") == nil)
        #expect(String(decoding: requests[1].body, as: UTF8.self) == #"{"a":1}"#)
        #expect(requests[1].header("content-type") == "application/json")
        #expect(requests[2].body.isEmpty)
    }
}
