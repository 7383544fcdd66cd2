import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

@Suite("Several indexes")
struct MultiIndexTests {
    @Test func firstIndexWithTheProjectAnswersAndDuplicatesAreReported() async throws {
        let primary = try FakeIndexServer()
        let extra = try TestEnvironment.fixtureServer()
        primary.addProject("internal-tool", document: TestEnvironment.smallProject("internal-tool"))
        primary.addProject("requests", document: TestEnvironment.smallProject("requests", version: "0.0.1"))
        let client = TestEnvironment.client(primary.jsonAPIURL, extraIndexes: [extra.jsonAPIURL])

        #expect(await client.project("requests").value?.releases.map(\.version) == ["0.0.1"])
        #expect(await client.project("internal-tool").value?.name == "internal-tool")
        #expect(await client.project("oldpkg").value?.name == "OldPkg")
        #expect(await client.project("nowhere").failure == .notFound)
        #expect(await client.metadata("oldpkg", version: "1.0").value?.name == "OldPkg")
        #expect(primary.server.requestCount("/pypi/oldpkg/1.0/json") == 0)

        #expect(client.projectsOnSeveralIndexes() == ["requests": [primary.jsonAPIURL, extra.jsonAPIURL]])
        #expect(extra.server.requestCount("/pypi/internal-tool/json") == 1)
    }

    @Test func anUnavailableIndexWinsOverNotFound() async throws {
        let primary = try FakeIndexServer()
        let extra = try FakeIndexServer()
        extra.server.inject(.status(503), at: "/pypi/thing/json", times: 100)
        let client = TestEnvironment.client(primary.jsonAPIURL, extraIndexes: [extra.jsonAPIURL])
        let reason = try #require(await client.project("thing").failure?.reason)
        #expect(reason.hasPrefix("503 Service Unavailable from \(extra.jsonAPIURL)"))
    }

    @Test func aPrivateIndexAloneIsTheOnlyOneAsked() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.simpleAPIURL)
        #expect(client.endpoints.count == 1)
        #expect(await client.project("flask").value != nil)
        #expect(client.projectsOnSeveralIndexes().isEmpty)
    }
}
