import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

@Suite("Many lookups at once")
struct ConcurrencyTests {
    @Test func fiftyPackagesAreAllAnsweredWithinTheInFlightBound() async throws {
        let server = try LoopbackHTTPServer()
        server.setFallback { request in
            let parts = request.path.split(separator: "/")
            guard parts.count == 3, parts[0] == "pypi", parts[2] == "json" else { return nil }
            return .json(TestEnvironment.smallProject(String(parts[1])))
        }
        server.setResponseDelay(0.05)
        let client = TestEnvironment.client(server.baseURL + "/pypi", maxConcurrent: 4)
        let names = (0..<50).map { "package-\($0)" }
        let results = await withTaskGroup(of: (String, Result<ProjectFacts, IndexFailure>).self) { group in
            for name in names { group.addTask { (name, await client.project(name)) } }
            var results: [String: Result<ProjectFacts, IndexFailure>] = [:]
            for await (name, result) in group { results[name] = result }
            return results
        }
        #expect(results.count == 50)
        for name in names { #expect(results[name]?.value?.name == name) }
        // Three probes for Simple API pages, which this index refuses (404), then project documents only.
        #expect(server.totalRequests == 50 + 3)
        #expect(server.requests.filter { $0.path.hasPrefix("/simple/") }.count == 3)
        #expect(server.peakConcurrentRequests <= 4)
        #expect(server.peakConcurrentRequests >= 2)
    }

    @Test func connectionsAreReused() async throws {
        let index = try TestEnvironment.fixtureServer()
        let client = TestEnvironment.client(index.jsonAPIURL, maxConcurrent: 1)
        for name in ["requests", "oldpkg", "missing"] { _ = await client.project(name) }
        let connections = Set(index.server.requests.compactMap { $0.header("x-loopback-connection") })
        // Each name is first asked as a Simple API page, which this fixture lacks (three probes).
        #expect(index.server.totalRequests == 6)
        #expect(connections.count == 1)
    }
}
