import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

@Suite("Retries, timeouts and broken responses")
struct TransportFaultTests {
    let path = "/pypi/requests/json"

    @Test func rateLimitedWithRetryAfterIsRetriedAfterTheDelay() async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(.status(429, retryAfter: "1"), at: path)
        let client = TestEnvironment.client(index.jsonAPIURL)
        let start = Date()
        #expect(await client.project("requests").value != nil)
        #expect(Date().timeIntervalSince(start) >= 0.9)
        #expect(index.server.requestCount(path) == 2)
        #expect(client.statistics.retries == 1)
    }

    @Test func retryAfterIsCappedByThePolicy() async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(.status(503, retryAfter: "3600"), at: path)
        var policy = TestEnvironment.fastRetries
        policy.maxRetryAfter = 0.1
        let client = TestEnvironment.client(index.jsonAPIURL, retries: policy)
        let start = Date()
        #expect(await client.project("requests").value != nil)
        #expect(Date().timeIntervalSince(start) < 60, "an uncapped Retry-After would wait an hour")
    }

    @Test(arguments: [500, 502, 503])
    func serverErrorsAreRetriedUntilTheyRecover(status: Int) async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(.status(status), at: path, times: 3)
        let client = TestEnvironment.client(index.jsonAPIURL)
        #expect(await client.project("requests").value?.name == "requests")
        #expect(index.server.requestCount(path) == 4)
    }

    @Test func persistentServerErrorIsUnavailableAfterBoundedAttempts() async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(.status(503), at: path, times: 100)
        let client = TestEnvironment.client(index.jsonAPIURL)
        let failure = await client.project("requests").failure
        #expect(failure == .unavailable(reason: "503 Service Unavailable from \(index.jsonAPIURL)/requests/json after 4 tries"))
        #expect(index.server.requestCount(path) == 4)
        #expect(client.statistics.failures == 1)
    }

    @Test func clientErrorsOtherThanNotFoundAreNotRetried() async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(.status(401), at: path, times: 100)
        let client = TestEnvironment.client(index.jsonAPIURL)
        let reason = try #require(await client.project("requests").failure?.reason)
        #expect(reason.hasPrefix("401 Unauthorized from "))
        #expect(reason.contains("check the credentials"))
        #expect(index.server.requestCount(path) == 1)
    }

    @Test func slowResponseOnceIsRetriedAfterTheTimeout() async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(.delay(3), at: path)
        let client = TestEnvironment.client(index.jsonAPIURL, requestTimeout: 0.5)
        #expect(await client.project("requests").value != nil)
        #expect(index.server.requestCount(path) == 2)
    }

    /// Timed out every time: two tries (not the policy's four), and the reason names the limit.
    @Test func alwaysSlowResponseIsUnavailableWithATimeoutReason() async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(.delay(3), at: path, times: 10)
        let client = TestEnvironment.client(index.jsonAPIURL, requestTimeout: 0.3)
        let failure = await client.project("requests").failure
        #expect(failure == .unavailable(reason: "no complete answer within 0.3 s (the request timeout) from "
            + "\(index.jsonAPIURL)/requests/json after 2 tries: raise it with --request-timeout, PINAUDIT_REQUEST_TIMEOUT "
            + "or `request-timeout` under [index-limits] in .pinaudit.toml"))
        #expect(index.server.requestCount(path) == 2)
    }

    /// A truncated body or invalid JSON once is retried and recovers.
    @Test(arguments: [LoopbackFault.truncatedBody, .invalidJSON])
    func aDamagedAnswerOnceIsRetried(fault: LoopbackFault) async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(fault, at: path)
        let client = TestEnvironment.client(index.jsonAPIURL)
        #expect(await client.project("requests").value != nil)
        #expect(index.server.requestCount(path) == 2)
    }

    /// Damaged every time: unavailable after the retries, saying what was wrong.
    @Test(arguments: [(LoopbackFault.truncatedBody, "truncated response body from "),
                      (.invalidJSON, "invalid JSON (unexpected end of data at byte 28) from ")])
    func aDamagedAnswerEveryTimeIsUnavailable(fault: LoopbackFault, reasonPrefix: String) async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(fault, at: path, times: 10)
        let client = TestEnvironment.client(index.jsonAPIURL)
        let reason = try #require(await client.project("requests").failure?.reason)
        #expect(reason.hasPrefix(reasonPrefix))
        #expect(reason.hasSuffix("after 2 tries"))
        #expect(index.server.requestCount(path) == 2)
    }

    @Test func connectionResetIsRetried() async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(.connectionReset, at: path, times: 2)
        let client = TestEnvironment.client(index.jsonAPIURL)
        #expect(await client.project("requests").value != nil)
        #expect(index.server.requestCount(path) == 3)
    }

    @Test func refusedConnectionIsUnavailableAfterBoundedAttempts() async throws {
        let server = try LoopbackHTTPServer()
        let url = server.baseURL + "/pypi"
        server.stop()
        try await Task.sleep(nanoseconds: 50_000_000)
        let client = TestEnvironment.client(url)
        let failure = await client.project("requests").failure
        // The first request of a JSON API at `<root>/pypi` is the Simple API page at `<root>/simple/`.
        #expect(failure == .unavailable(reason: "connection refused from \(server.baseURL)/simple/requests/ after 4 tries"))
        #expect(client.statistics.requests == 4)
    }

    @Test func credentialsNeverAppearInFailureReasons() async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(.status(503), at: path, times: 100)
        let url = index.jsonAPIURL.replacingOccurrences(of: "http://", with: "http://alice:s3cr3t@")
        let client = TestEnvironment.client(url)
        let reason = try #require(await client.project("requests").failure?.reason)
        #expect(!reason.contains("s3cr3t"))
        #expect(!reason.contains("alice"))
        #expect(reason.contains("http://***@127.0.0.1:\(index.server.port)/pypi/requests/json"))
        // The credentials were sent, as Basic auth.
        let authorization = index.server.requests.first?.header("authorization")
        #expect(authorization == "Basic " + Data("alice:s3cr3t".utf8).base64EncodedString())
    }

    @Test func retryDelaysGrowAndStayWithinBounds() {
        let policy = RetryPolicy(maxAttempts: 6, baseDelay: 1, maxDelay: 4)
        for attempt in 1...5 {
            let step = min(4, pow(2, Double(attempt - 1)))
            let delay = policy.delay(afterAttempt: attempt, retryAfter: nil)
            #expect(delay >= step / 2 && delay <= step)
        }
        #expect(policy.delay(afterAttempt: 1, retryAfter: "7") == 7)
        #expect(policy.delay(afterAttempt: 1, retryAfter: "120") == 30)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let date = "Tue, 14 Nov 2023 22:13:25 GMT"
        #expect(policy.delay(afterAttempt: 1, retryAfter: date, now: now) == 5)
    }
}
