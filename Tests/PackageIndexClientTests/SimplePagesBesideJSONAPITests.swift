import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

/// A JSON API at `<root>/pypi` reads release lists from the Simple API's pages at
/// `<root>/simple/<name>/` when the index serves them (PyPI does), and from project documents when
/// it does not.
@Suite("Simple API pages beside a JSON API")
struct SimplePagesBesideJSONAPITests {
    @Test func releaseListsComeFromThePageWhereTheIndexServesIt() async throws {
        let index = try TestEnvironment.fixtureServer()
        // Also a project document, which must not be read: its one release differs from the page's.
        index.add(path: "/pypi/flask/json", document: #"{"info": {"name": "Flask", "version": "9.9"}, "releases": {"9.9": []}}"#)
        let client = TestEnvironment.client(index.jsonAPIURL)
        #expect(client.endpoints.first?.api == .json)
        let facts = try #require(await client.project("flask").value)
        #expect(facts.releases.map(\.version) == ["2.3.3", "3.0.0", "3.1.0"])
        #expect(facts.releases[0].yankedReason == "Broken on 3.12")
        #expect(facts.releases[0].files[0].sha256 == "f69fcd559dc907ed196ab9df0e48471709175e696d6e698dd4dbe940f96ce66b")
        #expect(facts.releases[1].files.allSatisfy { $0.hasCoreMetadata })
        #expect(facts.releases[1].requiresPython == ">=3.8")
        #expect(facts.status == "archived")
        // The page for people, as a warehouse index lays it out, not the machine-readable page.
        #expect(facts.pageURL == index.server.baseURL + "/project/flask/")
        #expect(index.server.requestCount("/simple/flask/") == 1)
        #expect(index.server.requestCount("/pypi/flask/json") == 0)
        #expect(index.server.requests.first?.header("accept") == SimpleAPIDecoder.mediaType)
    }

    @Test func anIndexWithoutPagesIsProbedThreeTimesThenAskedForDocumentsOnly() async throws {
        let index = try FakeIndexServer()
        let names = (0..<8).map { "package-\($0)" }
        for name in names {
            index.add(path: "/pypi/\(name)/json", document: #"{"info": {"name": "\#(name)", "version": "1.0"}, "releases": {"1.0": []}}"#)
        }
        let client = TestEnvironment.client(index.jsonAPIURL, maxConcurrent: 1)
        for name in names {
            #expect(await client.project(name).value?.releases.map(\.version) == ["1.0"])
        }
        #expect(index.server.requests.filter { $0.path.hasPrefix("/simple/") }.count == 3)
        #expect(index.server.totalRequests == names.count + 3)
    }

    @Test func anHTMLPageCountsAsNoPage() async throws {
        let index = try FakeIndexServer()
        index.server.route("/simple/demo/", LoopbackResponse(status: 200, headers: [("Content-Type", "text/html")],
                                                             body: Data("<html><a href='demo-1.0.tar.gz'>x</a></html>".utf8)))
        index.add(path: "/pypi/demo/json", document: #"{"info": {"name": "Demo", "version": "1.0"}, "releases": {"1.0": []}}"#)
        let client = TestEnvironment.client(index.jsonAPIURL)
        let facts = try #require(await client.project("demo").value)
        #expect(facts.name == "Demo" && facts.releases.map(\.version) == ["1.0"])
        #expect(index.server.requestCount("/simple/demo/") == 1 && index.server.requestCount("/pypi/demo/json") == 1)
    }

    @Test func aProjectOnNeitherIsNotFound() async throws {
        let index = try FakeIndexServer()
        let client = TestEnvironment.client(index.jsonAPIURL)
        #expect(await client.project("missing").failure == .notFound)
    }

    @Test func coreMetadataCarriesTheProjectLinks() {
        let text = "Metadata-Version: 2.1\nName: Demo-Pkg\nVersion: 1.0\nHome-page: https://demo.invalid\n"
            + "Project-URL: Changelog, https://demo.invalid/changes\nProject-URL: Source,https://src.invalid/demo\n"
            + "Project-URL: Changelog, https://ignored.invalid\nProject-URL: no comma here\n\nbody\n"
        let metadata = CoreMetadataParser.metadata(text, fallbackName: "demo-pkg", fallbackVersion: "1.0")
        #expect(metadata.name == "Demo-Pkg")
        #expect(metadata.projectURLs == ["Changelog": "https://demo.invalid/changes", "Source": "https://src.invalid/demo",
                                         "Homepage": "https://demo.invalid"])
    }
}
