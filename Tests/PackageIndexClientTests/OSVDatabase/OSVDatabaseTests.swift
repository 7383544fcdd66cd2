import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

/// The local OSV database: reading a ZIP or a folder of OSV files through the per-package index,
/// and `db update` against an export served on loopback (200, 304, damaged downloads).
@Suite struct OSVDatabaseTests {
    static let documents: [String: String] = [
        "PYSEC-2024-1": OSVExportBuilder.advisory(id: "PYSEC-2024-1", aliases: ["CVE-2024-1"], package: "Requests",
                                                  versions: ["2.25.0", "2.25.1"], events: [["introduced": "2.3.0"], ["fixed": "2.31.0"]]),
        "PYSEC-2024-2": OSVExportBuilder.advisory(id: "PYSEC-2024-2", package: "requests", events: [["introduced": "0"], ["last_affected": "2.20.0"]]),
        "PYSEC-2024-3": OSVExportBuilder.advisory(id: "PYSEC-2024-3", package: "requests", versions: ["2.25.1"],
                                                  withdrawn: "2024-05-01T00:00:00Z", modified: "2024-09-30T00:00:00Z"),
        "MAL-2024-7": OSVExportBuilder.advisory(id: "MAL-2024-7", package: "reqeusts", events: [["introduced": "0"]]),
    ]

    static func export(_ documents: [String: String] = documents) -> Data { OSVExportBuilder.zip(documents) }

    static func write(_ data: Data, name: String = "db.zip") throws -> URL {
        let file = TestEnvironment.temporaryFolder().appendingPathComponent(name)
        try data.write(to: file)
        return file
    }

    @Test func aZipIsIndexedAndLookedUp() async throws {
        let database = LocalOSVDatabase(source: try Self.write(Self.export()), cacheDirectory: nil)
        let index = try database.open()
        #expect(index.summary == .init(advisories: 4, withdrawn: 1, packages: 2, latestModified: "2024-10-01T00:00:00Z"))
        #expect(index.vulnerabilities(package: "requests", version: "2.25.1").map(\.id).sorted() == ["PYSEC-2024-1"])
        #expect(index.vulnerabilities(package: "requests", version: "2.2").map(\.id).sorted() == ["PYSEC-2024-2"])
        #expect(index.vulnerabilities(package: "requests", version: "2.20").map(\.id).sorted() == ["PYSEC-2024-1", "PYSEC-2024-2"])
        #expect(index.vulnerabilities(package: "requests", version: "2.31.0").isEmpty)
        #expect(index.vulnerabilities(package: "flask", version: "1.0").isEmpty)
        let fix = try #require(index.vulnerabilities(package: "requests", version: "2.25.1").first)
        #expect(fix.fixedIn == ["2.31.0"] && fix.aliases == ["CVE-2024-1"] && fix.source == "osv-db")
        #expect(fix.link == "https://advisories.example/PYSEC-2024-1")
        #expect(index.vulnerabilities(package: "reqeusts", version: "1.0").first?.isMalicious == true)

        let answer = try await database.vulnerabilities(for: [VulnerabilityQuery(name: "requests", version: "2.25.1"),
                                                              VulnerabilityQuery(name: "flask", version: "2.0.1")]).get()
        #expect(answer["requests"]?.map(\.id) == ["PYSEC-2024-1"])
        // Every pin gets an answer: the database covers every PyPI package.
        #expect(answer["flask"] == [])
    }

    @Test func aFolderOfOSVFilesIsADatabaseToo() throws {
        let folder = TestEnvironment.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("nested"), withIntermediateDirectories: true)
        for (id, json) in Self.documents { try Data(json.utf8).write(to: folder.appendingPathComponent("nested/\(id).json")) }
        let index = try LocalOSVDatabase(source: folder, cacheDirectory: nil).open()
        #expect(index.summary.advisories == 4)
        #expect(index.vulnerabilities(package: "requests", version: "2.25.0").map(\.id) == ["PYSEC-2024-1"])
    }

    @Test func aLargeDatabaseIsIndexedOnceIntoTheCacheFolder() throws {
        var documents = Self.documents
        // Padding advisories make the export larger than the threshold for a stored index.
        let padding = String(repeating: "x", count: 2_000)
        for n in 0..<150 {
            documents["PYSEC-2000-\(n)"] = OSVExportBuilder.advisory(id: "PYSEC-2000-\(n)", package: "pkg\(n)", versions: ["1.0"], summary: padding)
        }
        let source = try Self.write(Self.export(documents))
        let cache = TestEnvironment.temporaryFolder()
        let first = try LocalOSVDatabase(source: source, cacheDirectory: cache).open()
        let stored = try FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("osv-db").path).filter { $0.hasPrefix("index-") }
        #expect(stored.count == 1)
        // The stored index answers without the source being read again.
        let stamp = try LocalOSVDatabase.stamp(of: source)
        let reread = try OSVDatabaseIndex.load(Array(try Data(contentsOf: cache.appendingPathComponent("osv-db/index-\(stamp.key).v1"))))
        #expect(reread.summary == first.summary)
        #expect(reread.vulnerabilities(package: "pkg7", version: "1.0").map(\.id) == ["PYSEC-2000-7"])
    }

    @Test func aDamagedDatabaseIsAFailureThatSaysWhatToDo() async throws {
        let source = try Self.write(Data("not a zip at all".utf8))
        let result = await LocalOSVDatabase(source: source, cacheDirectory: nil).vulnerabilities(for: [VulnerabilityQuery(name: "a", version: "1")])
        guard case .failure(let failure) = result else { Issue.record("expected a failure"); return }
        #expect(failure.finding.rule == .indexError)
        #expect(failure.finding.message.contains("not a readable ZIP"), "\(failure.finding.message)")
        #expect(failure.finding.message.contains("pinaudit db update"))
    }

    // MARK: db update

    static func updater(_ server: LoopbackHTTPServer, cache: URL) -> OSVDatabaseUpdater {
        OSVDatabaseUpdater(url: server.baseURL + "/PyPI/all.zip", cacheDirectory: cache,
                           settings: HTTPTransportSettings(maxConcurrentTransfers: 1, connectTimeout: 2, totalTimeout: 20),
                           retryPolicy: TestEnvironment.fastRetries)
    }

    static func zipResponse(_ data: Data, etag: String = "\"v1\"") -> LoopbackResponse {
        LoopbackResponse(status: 200, headers: [("Content-Type", "application/zip"), ("ETag", etag)], body: data)
    }

    @Test func updateStoresTheExportThenAsksConditionally() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/PyPI/all.zip", Self.zipResponse(Self.export()))
        let cache = TestEnvironment.temporaryFolder()
        let first = await Self.updater(server, cache: cache).update()
        guard case .success(.updated(let status)) = first else { Issue.record("\(first)"); return }
        #expect(status.summary.advisories == 4)
        #expect(status.metadata?.etag == "\"v1\"")
        #expect(FileManager.default.fileExists(atPath: LocalOSVDatabase.defaultLocation(cacheDirectory: cache).path))

        let second = await Self.updater(server, cache: cache).update()
        guard case .success(.notModified(let again)) = second else { Issue.record("\(second)"); return }
        #expect(again.summary.advisories == 4)
        #expect(server.requests.last?.header("If-None-Match") == "\"v1\"")
        #expect(OSVDatabaseUpdater.status(cacheDirectory: cache)?.metadata?.url == server.baseURL + "/PyPI/all.zip")
    }

    enum Damage: String, CaseIterable { case truncatedTransfer, truncatedZip, notAZip, hugeMember, notOSV }

    @Test(arguments: Damage.allCases)
    func aDamagedDownloadIsAnErrorAndTheOldDatabaseStays(damage: Damage) async throws {
        let server = try LoopbackHTTPServer()
        let cache = TestEnvironment.temporaryFolder()
        server.route("/PyPI/all.zip", Self.zipResponse(Self.export()))
        guard case .success = await Self.updater(server, cache: cache).update() else { Issue.record("first update failed"); return }
        let stored = try Data(contentsOf: LocalOSVDatabase.defaultLocation(cacheDirectory: cache))

        var newer = Self.documents
        newer["PYSEC-2024-9"] = OSVExportBuilder.advisory(id: "PYSEC-2024-9", package: "flask", versions: ["2.0.1"])
        let fresh = Self.export(newer)
        switch damage {
        case .truncatedTransfer:
            server.route("/PyPI/all.zip", Self.zipResponse(fresh, etag: "\"v2\""))
            server.inject(.truncatedBody, at: "/PyPI/all.zip", times: 10)
        case .truncatedZip:
            server.route("/PyPI/all.zip", Self.zipResponse(fresh.prefix(fresh.count - 30), etag: "\"v2\""))
        case .notAZip:
            server.route("/PyPI/all.zip", LoopbackResponse.text("<html>maintenance</html>"))
        case .hugeMember:
            var builder = ZipArchiveBuilder()
            builder.add("PYSEC-2024-1.json", text: Self.documents["PYSEC-2024-1"]!)
            builder.add("HUGE-1.json", ZipArchiveBuilder.noise(ZipArchiveFile.maxMemberBytes + 1))
            server.route("/PyPI/all.zip", Self.zipResponse(builder.build(), etag: "\"v2\""))
        case .notOSV:
            server.route("/PyPI/all.zip", Self.zipResponse(OSVExportBuilder.zip(["X": "{\"hello\": 1}"]), etag: "\"v2\""))
        }
        let result = await Self.updater(server, cache: cache).update()
        guard case .failure(let error) = result else { Issue.record("\(damage) was accepted: \(result)"); return }
        #expect(!error.description.isEmpty)
        #expect(try Data(contentsOf: LocalOSVDatabase.defaultLocation(cacheDirectory: cache)) == stored, "\(damage)")
        #expect(OSVDatabaseUpdater.status(cacheDirectory: cache)?.metadata?.etag == "\"v1\"")
        if damage == .hugeMember { #expect(error.description.contains("larger than"), "\(error)") }
    }

    @Test func a404SaysToCheckTheURL() async throws {
        let server = try LoopbackHTTPServer()
        let result = await Self.updater(server, cache: TestEnvironment.temporaryFolder()).update()
        guard case .failure(let error) = result else { Issue.record("\(result)"); return }
        #expect(error.description.contains("404") && error.description.contains("vuln-db-url"), "\(error)")
    }
}
