import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing

/// The only tests that reach the real index: two requests for a small, stable project. They
/// pass without checking anything when the index cannot be reached (no network in CI).
@Suite("Live index smoke test")
struct LiveIndexSmokeTests {
    @Test func smallProjectFromTheRealIndex() async throws {
        let options = IndexClientOptions(
            configuration: .publicIndex, maxConcurrentRequests: 2, connectTimeout: 3, requestTimeout: 15,
            retryPolicy: RetryPolicy(maxAttempts: 1), useNetrc: false)
        let client = IndexClient(options: options)
        let result = await client.project("six")
        if case .failure(.unavailable(let reason)) = result {
            print("Skipping the live index smoke test: \(reason)")
            return
        }
        let facts = try #require(result.value)
        #expect(facts.name.lowercased() == "six")
        #expect(facts.releases.contains { $0.version == "1.16.0" })
        let metadata = try #require(await client.metadata("six", version: "1.16.0").value)
        // From the per-version document, or from the wheel's core metadata where a mirror lacks it.
        #expect(metadata.version == "1.16.0")
        #expect(metadata.requiresPython != nil)
        // Both answers came over HTTP/2, and the requests to the index shared a connection.
        let statistics = client.statistics
        #expect(statistics.http2Responses == statistics.requests)
        #expect(statistics.connections < statistics.requests)
    }
}
