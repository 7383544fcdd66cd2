import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

@Suite("JSON API client against a loopback index")
struct JSONAPIClientTests {
    @Test func decodesAProjectDocumentInTheIndexOrder() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.jsonAPIURL)
        let facts = try #require(await client.project("requests").value)
        #expect(facts.name == "requests")
        #expect(facts.latestVersion == "2.32.3")
        #expect(facts.releases.map(\.version) == ["2.31.0", "2.32.0", "2.32.3", "0.0.1"])
        #expect(facts.status == "active")
        #expect(facts.statusReason == nil)
        #expect(facts.projectURLs["Source"] == "https://github.com/psf/requests")
        #expect(facts.projectURLs["Homepage"] == "https://requests.readthedocs.io")
        #expect(facts.pageURL == index.server.baseURL + "/project/requests/")

        let first = facts.releases[0]
        #expect(first.files.count == 2)
        #expect(first.files[0].sha256 == "58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f")
        #expect(first.files[0].hasCoreMetadata)
        #expect(!first.files[1].hasCoreMetadata)
        #expect(first.files[1].packageType == "sdist")
        #expect(first.released == CalendarDay(year: 2023, month: 5, day: 22))
        #expect(first.requiresPython == ">=3.7")

        let yanked = facts.releases[1]
        #expect(yanked.isYanked)
        #expect(yanked.yankedReason == "Yanked due to conflicts with CVE-2024-35195 mitigation")
        #expect(facts.releases[3].files.isEmpty)
    }

    @Test func acceptsAnyNameSpellingAndAProjectStatusString() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.jsonAPIURL)
        let facts = try #require(await client.project("Old_Pkg".replacingOccurrences(of: "_", with: "")).value)
        #expect(facts.name == "OldPkg")
        #expect(facts.status == "deprecated")
        #expect(facts.projectURLs == ["Homepage": "https://example.invalid/oldpkg"])
    }

    @Test func decodesVersionMetadataWithVulnerabilities() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.jsonAPIURL)
        let metadata = try #require(await client.metadata("requests", version: "2.31.0").value)
        #expect(metadata.requiresDist.count == 6)
        #expect(metadata.requiresDist[4] == "PySocks!=1.5.7,>=1.5.6; extra == \"socks\"")
        #expect(metadata.requiresPython == ">=3.7")
        #expect(metadata.providesExtra == ["socks", "use-chardet-on-py3"])
        let vulnerabilities = try #require(metadata.vulnerabilities)
        #expect(vulnerabilities.count == 2)
        #expect(vulnerabilities[0] == Vulnerability(
            id: "GHSA-9wx4-h78v-vm56", aliases: ["CVE-2024-35195"], fixedIn: ["2.32.0"],
            summary: "Session verify=False persists for the connection.",
            link: "https://osv.dev/vulnerability/GHSA-9wx4-h78v-vm56", withdrawn: false, source: "pypi"))
        #expect(vulnerabilities[1].withdrawn)
    }

    @Test func documentWithoutReleasesUsesTheLatestFiles() throws {
        let document = #"{"info": {"version": "2.0"}, "urls": [{"filename": "demo-2.0.tar.gz", "url": "http://127.0.0.1:1/demo-2.0.tar.gz", "packagetype": "sdist", "yanked": true, "yanked_reason": ""}]}"#
        let facts = try JSONAPIDecoder.project(Data(document.utf8), name: "demo")
        #expect(facts.name == "demo")
        #expect(facts.releases.map(\.version) == ["2.0"])
        #expect(facts.releases[0].isYanked)
        #expect(facts.releases[0].yankedReason == nil)
    }

    @Test func missingProjectIsNotFound() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.jsonAPIURL)
        #expect(await client.project("no-such-project").failure == .notFound)
        #expect(index.server.requestCount("/pypi/no-such-project/json") == 1)
    }

    @Test func versionDocumentMissingFallsBackToCoreMetadata() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.jsonAPIURL)
        let metadata = try #require(await client.metadata("oldpkg", version: "1.0").value)
        #expect(metadata.name == "OldPkg")
        #expect(metadata.requiresDist == ["six (>=1.10)", "click>=7; extra == \"cli\""])
        #expect(metadata.requiresPython == ">=3.6")
        #expect(metadata.providesExtra == ["cli"])
        #expect(metadata.vulnerabilities == nil)
        #expect(index.server.requestCount("/pypi/oldpkg/1.0/json") == 1)
        #expect(index.server.requestCount("/files/oldpkg-1.0-py3-none-any.whl.metadata") == 1)
    }

    @Test func versionWithoutCoreMetadataIsMetadataUnavailable() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.jsonAPIURL)
        let failure = await client.metadata("oldpkg", version: "0.9").failure
        #expect(failure == .metadataUnavailable(reason: "oldpkg 0.9 publishes no wheel and no core metadata (PEP 658)"))
        #expect(await client.metadata("oldpkg", version: "7.0").failure == .notFound)
    }

    @Test func sendsUserAgentAcceptEncodingAndAccept() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.jsonAPIURL)
        _ = await client.project("requests")
        // The Simple API page first (PEP 691 JSON), then, as this fixture lacks it, the project document.
        let page = try #require(index.server.requests.first)
        #expect(page.path == "/simple/requests/" && page.header("accept") == "application/vnd.pypi.simple.v1+json")
        let request = try #require(index.server.requests.last)
        #expect(request.path == "/pypi/requests/json")
        #expect(request.header("user-agent") == "pinaudit/\(HTTPTransportSettings.clientVersion)")
        #expect(request.header("accept-encoding")?.contains("gzip") == true)
        #expect(request.header("accept") == "application/json")
    }

    @Test func repeatedLookupsInOneRunAskOnce() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.jsonAPIURL)
        async let first = client.project("requests")
        async let second = client.project("requests")
        let results = await [first, second]
        #expect(results.allSatisfy { $0.value != nil })
        #expect(index.server.requestCount("/pypi/requests/json") == 1)
    }

    @Test func progressEventsBracketEachLookup() async throws {
        let index = try TestEnvironment.fixtureServer()
        let events = EventLog()
        let options = IndexClientOptions(configuration: IndexConfiguration(primary: .detect(index.jsonAPIURL, origin: "test")),
                                         useNetrc: false, progress: { events.append($0) })
        let client = IndexClient(options: options)
        _ = await client.project("requests")
        _ = await client.project("missing")
        #expect(events.all == [
            IndexProgressEvent(kind: .started, package: "requests", version: nil),
            IndexProgressEvent(kind: .finished(failure: nil), package: "requests", version: nil),
            IndexProgressEvent(kind: .started, package: "missing", version: nil),
            IndexProgressEvent(kind: .finished(failure: "not found on the index"), package: "missing", version: nil),
        ])
        // Each: a Simple API page (absent here), then the project document.
        #expect(client.statistics.requests == 4)
        #expect(client.statistics.bytesDownloaded > 1000)
    }
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [IndexProgressEvent] = []
    func append(_ event: IndexProgressEvent) { lock.withLock { events.append(event) } }
    var all: [IndexProgressEvent] { lock.withLock { events } }
}
