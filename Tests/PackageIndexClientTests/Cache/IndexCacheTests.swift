import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

@Suite("On-disk cache")
struct IndexCacheTests {
    let path = "/pypi/requests/json"

    @Test func freshEntryAnswersWithoutARequest() async throws {
        let index = try TestEnvironment.fixtureServer()
        let folder = TestEnvironment.temporaryFolder()
        let first = TestEnvironment.client(index.jsonAPIURL, cache: folder)
        let fetched = try #require(await first.project("requests").value)
        let second = TestEnvironment.client(index.jsonAPIURL, cache: folder)
        #expect(await second.project("requests").value == fetched)
        #expect(index.server.requestCount(path) == 1)
        #expect(second.statistics.cacheHits == 1)
        #expect(second.statistics.requests == 0)
    }

    /// `projectOnce` (the audit's way of asking) stores what it fetches in the cache like `project`,
    /// shares an answer the client already holds, and keeps nothing in memory itself.
    @Test func projectOnceUsesTheCacheButKeepsNothing() async throws {
        let index = try TestEnvironment.fixtureServer()
        let folder = TestEnvironment.temporaryFolder()
        let client = TestEnvironment.client(index.jsonAPIURL, cache: folder)
        let once = try #require(await client.projectOnce("requests").value)
        #expect(index.server.requestCount(path) == 1)
        // Not kept in memory: asked again, it is read from the cache, not fetched.
        #expect(await client.projectOnce("requests").value == once)
        #expect(index.server.requestCount(path) == 1)
        #expect(client.statistics.cacheHits == 1)
        // Without a cache, each `projectOnce` asks the index; after `project`, the held answer is shared.
        let uncached = TestEnvironment.client(index.jsonAPIURL)
        _ = await uncached.projectOnce("requests")
        _ = await uncached.projectOnce("requests")
        #expect(index.server.requestCount(path) == 3)
        _ = await uncached.project("requests")
        _ = await uncached.projectOnce("requests")
        #expect(index.server.requestCount(path) == 4)
    }

    /// While a `projectOnce` lookup is in flight, a `project` of the same name waits for it rather
    /// than asking the index again (the audit's head start and the closure walk ask at the same time).
    @Test func projectWaitsForAProjectOnceInFlight() async throws {
        let index = try TestEnvironment.fixtureServer()
        index.server.inject(.delay(0.3), at: path)
        let client = TestEnvironment.client(index.jsonAPIURL)
        async let once = client.projectOnce("requests")
        try await Task.sleep(nanoseconds: 100_000_000)
        async let shared = client.project("requests")
        let (first, second) = await (once, shared)
        #expect(first.value != nil && first.value == second.value)
        #expect(index.server.requestCount(path) == 1)
    }

    @Test func staleEntryIsRevalidatedAnd304RefreshesIt() async throws {
        let index = try TestEnvironment.fixtureServer()
        let folder = TestEnvironment.temporaryFolder()
        let original = try #require(await TestEnvironment.client(index.jsonAPIURL, cache: folder).project("requests").value)
        let stale = TestEnvironment.client(index.jsonAPIURL, cache: folder, maxAge: 0)
        #expect(await stale.project("requests").value?.name == "requests")
        let conditional = try #require(index.server.requests.last)
        #expect(conditional.header("if-none-match") != nil)
        #expect(stale.statistics.notModified == 1)
        // The 304 made the entry fresh again.
        let fresh = TestEnvironment.client(index.jsonAPIURL, cache: folder, maxAge: 60)
        let refreshed = try #require(await fresh.project("requests").value)
        #expect(index.server.requestCount(path) == 2)
        // The rewritten record still holds every release and file.
        #expect(refreshed == original)
        #expect(refreshed.releases.map(\.files) == original.releases.map(\.files))
    }

    @Test func changedDocumentReplacesTheEntry() async throws {
        let index = try TestEnvironment.fixtureServer()
        let folder = TestEnvironment.temporaryFolder()
        index.addProject("demo", document: TestEnvironment.smallProject("demo", version: "1.0.0"))
        _ = await TestEnvironment.client(index.jsonAPIURL, cache: folder).project("demo")
        index.addProject("demo", document: TestEnvironment.smallProject("demo", version: "2.0.0"))
        let stale = TestEnvironment.client(index.jsonAPIURL, cache: folder, maxAge: 0)
        #expect(await stale.project("demo").value?.releases.map(\.version) == ["2.0.0"])
        let offline = TestEnvironment.client(index.jsonAPIURL, cache: folder, offline: true)
        #expect(await offline.project("demo").value?.releases.map(\.version) == ["2.0.0"])
    }

    @Test func refreshRevalidatesEvenFreshEntries() async throws {
        let index = try TestEnvironment.fixtureServer()
        let folder = TestEnvironment.temporaryFolder()
        _ = await TestEnvironment.client(index.jsonAPIURL, cache: folder).project("requests")
        let refreshing = TestEnvironment.client(index.jsonAPIURL, cache: folder, refresh: true)
        #expect(await refreshing.project("requests").value != nil)
        #expect(index.server.requestCount(path) == 2)
        #expect(refreshing.statistics.cacheHits == 0)
    }

    @Test func offlineUsesTheCacheAloneWhateverItsAge() async throws {
        let index = try TestEnvironment.fixtureServer()
        let folder = TestEnvironment.temporaryFolder()
        _ = await TestEnvironment.client(index.jsonAPIURL, cache: folder).project("requests")
        _ = await TestEnvironment.client(index.jsonAPIURL, cache: folder).metadata("requests", version: "2.31.0")
        index.server.stop()
        let offline = TestEnvironment.client(index.jsonAPIURL, cache: folder, maxAge: 0, offline: true)
        #expect(await offline.project("requests").value?.name == "requests")
        #expect(await offline.metadata("requests", version: "2.31.0").value?.vulnerabilities?.count == 2)
        #expect(await offline.project("flask").failure == .notCached)
        #expect(await offline.metadata("requests", version: "2.32.3").failure == .notCached)
        let noCache = TestEnvironment.client(index.jsonAPIURL, offline: true)
        #expect(await noCache.project("requests").failure == .notCached)
        #expect(offline.statistics.requests == 0)
    }

    @Test(arguments: [
        "{ this is not json", "{\"format\": 999, \"index\": \"x\", \"fetchedAt\": 0, \"immutable\": false}", "",
        // A record of another format version, and one whose release row points past the end.
        "pinaudit-project 999\n{\"index\":\"x\",\"fetchedAtMilliseconds\":0,\"immutable\":false,\"name\":\"requests\"}\n[]\n",
        "pinaudit-project 2\n{\"index\":\"x\",\"fetchedAtMilliseconds\":0,\"immutable\":false,\"name\":\"requests\"}\n[[\"1.0\",1,false,null,null,null,0,999]]\n[]\n",
    ])
    func corruptOrForeignEntryIsDroppedAndRefetched(content: String) async throws {
        let index = try TestEnvironment.fixtureServer()
        let folder = TestEnvironment.temporaryFolder()
        _ = await TestEnvironment.client(index.jsonAPIURL, cache: folder).project("requests")
        let file = IndexCache(directory: folder).projectFile(index: index.jsonAPIURL, name: "requests")
        #expect(FileManager.default.fileExists(atPath: file.path))
        try Data(content.utf8).write(to: file)
        let client = TestEnvironment.client(index.jsonAPIURL, cache: folder)
        #expect(await client.project("requests").value?.name == "requests")
        #expect(index.server.requestCount(path) == 2)
        #expect(index.server.requests.last?.header("if-none-match") == nil)
        let rewritten = try String(contentsOf: file, encoding: .utf8)
        #expect(rewritten.hasPrefix("pinaudit-project \(IndexCache.formatVersion) "))
    }

    @Test func indexesDoNotShareEntriesAndCredentialsAreNotStored() async throws {
        let index = try TestEnvironment.fixtureServer()
        let other = try TestEnvironment.fixtureServer()
        let folder = TestEnvironment.temporaryFolder()
        let secretURL = index.jsonAPIURL.replacingOccurrences(of: "http://", with: "http://bob:hunter2@")
        _ = await TestEnvironment.client(secretURL, cache: folder).project("requests")
        _ = await TestEnvironment.client(other.jsonAPIURL, cache: folder).project("requests")
        #expect(other.server.requestCount(path) == 1)
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var files = 0
        while let file = walker?.nextObject() as? URL {
            guard ["json", "record"].contains(file.pathExtension) else { continue }
            files += 1
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("hunter2"))
            #expect(!text.contains("bob"))
        }
        #expect(files == 2)
    }

    @Test func coreMetadataIsImmutableButJSONMetadataExpires() async throws {
        let index = try TestEnvironment.fixtureServer()
        let folder = TestEnvironment.temporaryFolder()
        _ = await TestEnvironment.client(index.jsonAPIURL, cache: folder).metadata("oldpkg", version: "1.0")
        _ = await TestEnvironment.client(index.jsonAPIURL, cache: folder).metadata("requests", version: "2.31.0")
        let stale = TestEnvironment.client(index.jsonAPIURL, cache: folder, maxAge: 0)
        #expect(await stale.metadata("oldpkg", version: "1.0").value?.requiresDist.count == 2)
        #expect(await stale.metadata("requests", version: "2.31.0").value != nil)
        #expect(index.server.requestCount("/files/oldpkg-1.0-py3-none-any.whl.metadata") == 1)
        #expect(index.server.requestCount("/pypi/requests/2.31.0/json") == 2)
    }

    @Test func concurrentWritersNeverLeaveAHalfEntry() async throws {
        let folder = TestEnvironment.temporaryFolder()
        let cache = IndexCache(directory: folder)
        let file = cache.projectFile(index: "http://127.0.0.1:1/pypi", name: "demo")
        let facts = ProjectFacts(name: "demo", releases: (0..<200).map { ReleaseFacts(version: "1.0.\($0)", files: []) })
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for round in 0..<20 {
                        cache.store(CacheEntry(format: IndexCache.formatVersion, index: "http://127.0.0.1:1/pypi",
                                               fetchedAt: Double(writer * 100 + round), immutable: false, value: facts), to: file)
                        let read = cache.load(ProjectFacts.self, from: file, index: "http://127.0.0.1:1/pypi")
                        #expect(read?.value == facts)
                    }
                }
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
        #expect(leftovers == ["demo.record"])
    }

    @Test(arguments: [("requests", "requests"), ("1.0+local", "1.0%2Blocal"), ("..", "%2E."), ("a/b", "a%2Fb"), ("", "%00")])
    func fileNamesAreSafe(name: String, expected: String) {
        #expect(IndexCache.safeFileName(name) == expected)
    }

    @Test func cacheLocationFollowsFlagThenEnvironment() {
        #expect(CacheLocation.resolve(flag: "/tmp/a", environment: ["PINAUDIT_CACHE_DIR": "/tmp/b"]).path == "/tmp/a")
        #expect(CacheLocation.resolve(flag: nil, environment: ["PINAUDIT_CACHE_DIR": "/tmp/b", "XDG_CACHE_HOME": "/x"]).path
            == "/tmp/b")
        #expect(CacheLocation.resolve(flag: nil, environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]).path == "/x/pinaudit")
        #expect(CacheLocation.resolve(flag: nil, environment: ["HOME": "/h"]).path == "/h/.cache/pinaudit")
    }
}
