import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

@Suite("Simple API client (PEP 691, 700, 658, 792)")
struct SimpleAPIClientTests {
    @Test func decodesAProjectPage() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.simpleAPIURL)
        #expect(client.endpoints.first?.api == .simple)
        let facts = try #require(await client.project("Flask").value)
        #expect(facts.name == "flask")
        #expect(facts.latestVersion == nil)
        #expect(facts.releases.map(\.version) == ["2.3.3", "3.0.0", "3.1.0"])
        #expect(facts.status == "archived")
        #expect(facts.statusReason == "Moved elsewhere.")

        let old = facts.releases[0]
        #expect(old.isYanked)
        #expect(old.yankedReason == "Broken on 3.12")
        #expect(old.files[0].url == index.server.baseURL + "/files/Flask-2.3.3-py3-none-any.whl")
        #expect(old.files[0].sha256 == "f69fcd559dc907ed196ab9df0e48471709175e696d6e698dd4dbe940f96ce66b")
        #expect(old.files[0].packageType == "bdist_wheel")
        #expect(!old.files[0].hasCoreMetadata)

        let current = facts.releases[1]
        #expect(current.files.map(\.packageType) == ["bdist_wheel", "sdist"])
        #expect(current.files.allSatisfy { $0.hasCoreMetadata })
        #expect(current.files[1].url == index.server.baseURL + "/files/flask-3.0.0.tar.gz")
        #expect(current.released == CalendarDay(year: 2023, month: 9, day: 30))
        #expect(current.requiresPython == ">=3.8")
        #expect(!current.isYanked)
        #expect(facts.releases[2].files.isEmpty)

        let request = try #require(index.server.requests.first)
        #expect(request.path == "/simple/flask/")
        #expect(request.header("accept") == "application/vnd.pypi.simple.v1+json")
    }

    @Test func metadataComesFromCoreMetadataFilesWithoutVulnerabilities() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.simpleAPIURL)
        let metadata = try #require(await client.metadata("flask", version: "3.0.0").value)
        #expect(metadata.name == "Flask")
        #expect(metadata.requiresDist.count == 6)
        #expect(metadata.requiresDist.last == "asyncio>=3.4.3 ; extra == \"async\"")
        #expect(metadata.providesExtra == ["async", "dotenv"])
        #expect(metadata.vulnerabilities == nil)
        #expect(index.server.requestCount("/files/flask-3.0.0-py3-none-any.whl.metadata") == 1)
        #expect(await client.metadata("flask", version: "2.3.3").failure
            == .metadataUnavailable(reason: "no wheel of flask 2.3.3 publishes core metadata (PEP 658), "
                + "and the wheel Flask-2.3.3-py3-none-any.whl is missing on the index"))
        #expect(await client.metadata("flask", version: "3.1.0").failure
            == .metadataUnavailable(reason: "flask 3.1.0 has no files on the index"))
        #expect(await client.metadata("flask", version: "9.9").failure == .notFound)
        #expect(await client.metadata("nothing-here", version: "1.0").failure == .notFound)
    }

    @Test func privateIndexCredentialsAreLentToFileLinksOnTheSameHost() async throws {
        let index = try TestEnvironment.fixtureServer()
        let url = index.simpleAPIURL.replacingOccurrences(of: "http://", with: "http://carol:pw@")
        let client = TestEnvironment.client(url)
        let facts = try #require(await client.project("flask").value)
        #expect(facts.releases[1].files.allSatisfy { !$0.url.contains("carol") })
        #expect(await client.metadata("flask", version: "3.0.0").value != nil)
        let metadataRequest = index.server.requests.first { $0.path.hasSuffix(".metadata") }
        #expect(metadataRequest?.header("authorization") == "Basic " + Data("carol:pw".utf8).base64EncodedString())
    }

    @Test func htmlPageIsAClearFailure() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/simple/flask/", LoopbackResponse(status: 200, headers: [("Content-Type", "text/html")],
                                                         body: Data("<html></html>".utf8)))
        let client = TestEnvironment.client(server.baseURL + "/simple/")
        let reason = try #require(await client.project("flask").failure?.reason)
        #expect(reason.hasPrefix("the index answered with HTML, not PEP 691 JSON from "))
    }

    @Test(arguments: [
        ("requests-2.31.0-py3-none-any.whl", "requests", "2.31.0", "bdist_wheel"),
        ("zope.interface-6.0-cp311-cp311-manylinux_2_17_x86_64.whl", "zope-interface", "6.0", "bdist_wheel"),
        ("foo_bar-1.0-1-py3-none-any.whl", "foo-bar", "1.0", "bdist_wheel"),
        ("foo-bar-1.0.tar.gz", "foo-bar", "1.0", "sdist"),
        ("Foo_Bar-2.0rc1.zip", "foo-bar", "2.0rc1", "sdist"),
        ("python-dateutil-2.8.2.tar.gz", "python-dateutil", "2.8.2", "sdist"),
        ("pkg-1.0-2-beta.tar.gz", "pkg", "1.0-2-beta", "sdist"),
        ("setuptools-0.6c11-py2.7.egg", "setuptools", "0.6c11", "bdist_egg"),
    ])
    func versionsComeFromFileNames(filename: String, project: String, version: String, type: String) {
        let parsed = DistributionFilename(filename, project: project)
        #expect(parsed?.version == version)
        #expect(parsed?.packageType == type)
    }

    @Test(arguments: ["README.txt", "pkg.exe", "pkg-.tar.gz"])
    func otherFilesAreSkipped(filename: String) {
        #expect(DistributionFilename(filename, project: "pkg") == nil)
    }
}
