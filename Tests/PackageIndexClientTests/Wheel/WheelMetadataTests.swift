import CZlibShim
import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

/// A mirror without version documents and without core metadata files: relative file URLs in
/// project documents, and METADATA read out of wheels with range requests.
@Suite("Relative file URLs and lazy wheel metadata")
struct WheelMetadataTests {
    static let wheelName = "wheelpkg-1.0-py3-none-any.whl"
    /// Where the project document's relative URL `../../packages/ab/cd/<wheel>` leads.
    static let wheelPath = "/packages/ab/cd/" + wheelName
    static let metadataText = """
        Metadata-Version: 2.1
        Name: WheelPkg
        Version: 1.0
        Requires-Python: >=3.8
        Requires-Dist: click>=8.0
        Requires-Dist: markupsafe>=2.0; extra == "speed"
        Provides-Extra: speed

        A long description.

        """

    /// A project document whose file URLs are relative to the document's own URL; a platform
    /// wheel that is never served comes first, so the pure-Python one must be preferred.
    static let projectDocument = #"""
        {"info": {"name": "WheelPkg", "version": "1.0"},
         "releases": {
           "1.0": [
             {"filename": "wheelpkg-1.0-cp312-cp312-win_amd64.whl", "packagetype": "bdist_wheel",
              "url": "../../packages/ef/01/wheelpkg-1.0-cp312-cp312-win_amd64.whl", "yanked": false, "digests": {"sha256": "aa"}},
             {"filename": "wheelpkg-1.0-py3-none-any.whl", "packagetype": "bdist_wheel",
              "url": "../../packages/ab/cd/wheelpkg-1.0-py3-none-any.whl", "yanked": false, "digests": {"sha256": "bb"}},
             {"filename": "wheelpkg-1.0.tar.gz", "packagetype": "sdist",
              "url": "../../packages/12/34/wheelpkg-1.0.tar.gz", "yanked": false, "digests": {"sha256": "cc"}}
           ],
           "0.9": [
             {"filename": "wheelpkg-0.9.tar.gz", "packagetype": "sdist",
              "url": "../../packages/56/78/wheelpkg-0.9.tar.gz", "yanked": false, "digests": {"sha256": "dd"}}
           ]
         }}
        """#

    static func deflate(_ input: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: input.count + input.count / 10 + 1024)
        var produced = 0
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                pinaudit_deflate_raw(source.baseAddress, source.count, target.baseAddress, target.count, &produced)
            }
        }
        precondition(status == Z_STREAM_END, "deflate failed: \(status)")
        return Array(output[..<produced])
    }

    /// A wheel: `before` members, then the .dist-info (METADATA unless `metadata` is nil), then `after`.
    static func wheel(before: [(String, [UInt8])] = [], after: [(String, [UInt8])] = [], metadata: String? = metadataText,
                      method: ZipArchiveBuilder.Method = .deflated, zip64: Bool = false, metadataFirst: Bool = false) -> Data {
        var builder = ZipArchiveBuilder(zip64: zip64, deflate: deflate)
        if metadataFirst, let metadata { builder.add("wheelpkg-1.0.dist-info/METADATA", text: metadata, method: method) }
        for (name, content) in before { builder.add(name, content, method: .stored) }
        builder.add("wheelpkg/__init__.py", text: "__version__ = '1.0'\n", method: .deflated)
        builder.add("wheelpkg-1.0.dist-info/WHEEL", text: "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        // A nested METADATA that must not be taken for the wheel's own.
        builder.add("wheelpkg/vendored/other-2.0.dist-info/METADATA", text: "Name: other\nVersion: 2.0\n")
        if !metadataFirst, let metadata { builder.add("wheelpkg-1.0.dist-info/METADATA", text: metadata, method: method) }
        for (name, content) in after { builder.add(name, content, method: .stored) }
        builder.add("wheelpkg-1.0.dist-info/RECORD", text: "wheelpkg/__init__.py,,\n")
        return builder.build()
    }

    /// A mirror serving the project document and `wheel` (no version document, no `.metadata`).
    static func mirror(wheel: Data?, servesRanges: Bool = true) throws -> FakeIndexServer {
        let index = try FakeIndexServer()
        index.addProject("wheelpkg", document: projectDocument)
        if let wheel { index.addFile(path: wheelPath, data: wheel, servesRanges: servesRanges) }
        return index
    }

    static func expectWheelPkgMetadata(_ metadata: VersionMetadata) {
        #expect(metadata.name == "WheelPkg")
        #expect(metadata.requiresDist == ["click>=8.0", "markupsafe>=2.0; extra == \"speed\""])
        #expect(metadata.requiresPython == ">=3.8")
        #expect(metadata.providesExtra == ["speed"])
    }

    // MARK: Relative URLs

    @Test func relativeFileURLsResolveAgainstTheDocumentURL() async throws {
        let index = try Self.mirror(wheel: nil)
        let client = TestEnvironment.client(index.jsonAPIURL)
        let facts = try #require(await client.project("wheelpkg").value)
        let files = try #require(facts.releases.first { $0.version == "1.0" }).files
        #expect(files.map(\.url) == [
            index.server.baseURL + "/packages/ef/01/wheelpkg-1.0-cp312-cp312-win_amd64.whl",
            index.server.baseURL + "/packages/ab/cd/wheelpkg-1.0-py3-none-any.whl",
            index.server.baseURL + "/packages/12/34/wheelpkg-1.0.tar.gz",
        ])
    }

    @Test func decoderResolvesRelativeAndKeepsAbsoluteURLs() throws {
        let document = #"""
            {"info": {"name": "markupsafe", "version": "3.0.4"},
             "releases": {"3.0.4": [
               {"filename": "a.whl", "url": "../../packages/packages/88/5b/a.whl"},
               {"filename": "b.whl", "url": "/root/b.whl"},
               {"filename": "c.whl", "url": "http://127.0.0.1:9/elsewhere/c.whl"}
             ]}}
            """#
        let facts = try JSONAPIDecoder.project(Data(document.utf8), name: "markupsafe",
                                               documentURL: "http://127.0.0.1:8/pypi/markupsafe/json")
        #expect(facts.releases[0].files.map(\.url) == [
            "http://127.0.0.1:8/packages/packages/88/5b/a.whl",
            "http://127.0.0.1:8/root/b.whl",
            "http://127.0.0.1:9/elsewhere/c.whl",
        ])
        // Without a document URL, URLs stay as written.
        let unresolved = try JSONAPIDecoder.project(Data(document.utf8), name: "markupsafe")
        #expect(unresolved.releases[0].files[0].url == "../../packages/packages/88/5b/a.whl")
    }

    // MARK: Lazy wheel metadata

    @Test func metadataInTheTailTakesOneRangeRequest() async throws {
        let index = try Self.mirror(wheel: Self.wheel())
        let client = TestEnvironment.client(index.jsonAPIURL)
        let metadata = try #require(await client.metadata("wheelpkg", version: "1.0").value)
        Self.expectWheelPkgMetadata(metadata)
        #expect(index.server.requestCount("/pypi/wheelpkg/1.0/json") == 1)
        #expect(index.server.requestCount(Self.wheelPath) == 1)
        #expect(index.server.requestCount("/packages/ef/01/wheelpkg-1.0-cp312-cp312-win_amd64.whl") == 0)
        let request = try #require(index.server.requests.first { $0.path == Self.wheelPath })
        #expect(request.header("range") == "bytes=-65536")
        #expect(request.header("if-none-match") == nil)
        #expect(request.header("accept-encoding") == "identity")
    }

    @Test func storedMetadataIsReadToo() async throws {
        let index = try Self.mirror(wheel: Self.wheel(method: .stored))
        let client = TestEnvironment.client(index.jsonAPIURL)
        Self.expectWheelPkgMetadata(try #require(await client.metadata("wheelpkg", version: "1.0").value))
        #expect(index.server.requestCount(Self.wheelPath) == 1)
    }

    @Test func metadataFarFromTheTailTakesASecondRequest() async throws {
        let wheel = Self.wheel(after: [("wheelpkg/data.bin", ZipArchiveBuilder.noise(200_000))], metadataFirst: true)
        #expect(wheel.count > 200_000)
        let index = try Self.mirror(wheel: wheel)
        let client = TestEnvironment.client(index.jsonAPIURL)
        Self.expectWheelPkgMetadata(try #require(await client.metadata("wheelpkg", version: "1.0").value))
        #expect(index.server.requestCount(Self.wheelPath) == 2)
        let ranges = index.server.requests.filter { $0.path == Self.wheelPath }.compactMap { $0.header("range") }
        #expect(ranges.first == "bytes=-65536")
        #expect(ranges.last?.hasPrefix("bytes=0-") == true)
    }

    @Test func largeWheelWithMetadataNearTheEndTakesOneRequest() async throws {
        let wheel = Self.wheel(before: [("wheelpkg/data.bin", ZipArchiveBuilder.noise(300_000))])
        #expect(wheel.count > 64 * 1024)
        let index = try Self.mirror(wheel: wheel)
        let client = TestEnvironment.client(index.jsonAPIURL)
        Self.expectWheelPkgMetadata(try #require(await client.metadata("wheelpkg", version: "1.0").value))
        #expect(index.server.requestCount(Self.wheelPath) == 1)
    }

    @Test func centralDirectoryLargerThanTheTailTakesThreeRequests() async throws {
        let many = (0..<2_500).map { (String(format: "wheelpkg/generated/module_%05d_with_a_long_name.py", $0), [UInt8]()) }
        let wheel = Self.wheel(after: many, metadataFirst: true)
        let index = try Self.mirror(wheel: wheel)
        let client = TestEnvironment.client(index.jsonAPIURL)
        Self.expectWheelPkgMetadata(try #require(await client.metadata("wheelpkg", version: "1.0").value))
        #expect(index.server.requestCount(Self.wheelPath) == 3)
    }

    @Test func zip64EndRecordsAreRead() async throws {
        let index = try Self.mirror(wheel: Self.wheel(zip64: true))
        let client = TestEnvironment.client(index.jsonAPIURL)
        Self.expectWheelPkgMetadata(try #require(await client.metadata("wheelpkg", version: "1.0").value))
        #expect(index.server.requestCount(Self.wheelPath) == 1)
    }

    @Test func serverIgnoringRangeSendsTheWholeWheelOnce() async throws {
        let wheel = Self.wheel(after: [("wheelpkg/data.bin", ZipArchiveBuilder.noise(100_000))], metadataFirst: true)
        let index = try Self.mirror(wheel: wheel, servesRanges: false)
        let client = TestEnvironment.client(index.jsonAPIURL)
        Self.expectWheelPkgMetadata(try #require(await client.metadata("wheelpkg", version: "1.0").value))
        #expect(index.server.requestCount(Self.wheelPath) == 1)
    }

    @Test func serverIgnoringRangeWithAWheelOverTheCapIsMetadataUnavailable() async throws {
        let huge = Data(repeating: 0, count: IndexLimits.defaults.maxWheelRangeBytes + 1_000)
        let index = try Self.mirror(wheel: huge, servesRanges: false)
        let client = TestEnvironment.client(index.jsonAPIURL)
        let failure = try #require(await client.metadata("wheelpkg", version: "1.0").failure)
        guard case .metadataUnavailable(let reason) = failure else {
            Issue.record("expected metadataUnavailable, got \(failure)")
            return
        }
        #expect(reason.contains("more than 20 MiB"))
        #expect(reason.contains("--max-wheel-range-size"))
        #expect(index.server.requestCount(Self.wheelPath) == 1)
    }

    @Test func corruptWheelIsMetadataUnavailable() async throws {
        let index = try Self.mirror(wheel: Data(ZipArchiveBuilder.noise(5_000)))
        let client = TestEnvironment.client(index.jsonAPIURL)
        let failure = try #require(await client.metadata("wheelpkg", version: "1.0").failure)
        guard case .metadataUnavailable(let reason) = failure else {
            Issue.record("expected metadataUnavailable, got \(failure)")
            return
        }
        #expect(reason.contains("METADATA could not be read from the wheel \(Self.wheelName)"))
        #expect(reason.contains("not a ZIP archive"))
        #expect(index.server.requestCount(Self.wheelPath) == 1)
    }

    /// A METADATA member that inflates to 64 MiB from about 64 KiB: refused from its entry's
    /// size, never inflated.
    @Test func aZipBombMetadataIsRefusedWithoutInflating() async throws {
        let bomb = "Metadata-Version: 2.1\nName: WheelPkg\nVersion: 1.0\n" + String(repeating: " ", count: 64 << 20)
        let index = try Self.mirror(wheel: Self.wheel(metadata: bomb))
        let client = TestEnvironment.client(index.jsonAPIURL)
        let failure = try #require(await client.metadata("wheelpkg", version: "1.0").failure)
        guard case .metadataUnavailable(let reason) = failure else {
            Issue.record("expected metadataUnavailable, got \(failure)")
            return
        }
        #expect(reason.contains("METADATA is larger than \(ZipMemberDecoder.maxUncompressedBytes) bytes"), "\(reason)")
    }

    @Test func truncatedAndDamagedArchivesFailCleanly() throws {
        let whole = [UInt8](Self.wheel())
        // Every cut of the file's tail, and every single damaged byte of the tail, is an error or
        // a result, never a crash.
        for cut in stride(from: 0, to: whole.count, by: 7) {
            let tail = ByteWindow(offset: cut, bytes: Array(whole[cut...]))
            if case .found(let end)? = try? ZipDirectory.findEnd(in: tail, fileSize: whole.count) {
                _ = try? ZipDirectory.entries(end, in: tail)
            }
        }
        for position in stride(from: max(0, whole.count - 400), to: whole.count, by: 1) {
            var damaged = whole
            damaged[position] ^= 0xFF
            let window = ByteWindow(offset: 0, bytes: damaged)
            if case .found(let end)? = try? ZipDirectory.findEnd(in: window, fileSize: damaged.count),
               let entries = try? ZipDirectory.entries(end, in: window),
               let entry = ZipDirectory.metadataEntry(in: entries, project: "wheelpkg"),
               let start = try? ZipDirectory.dataOffset(of: entry, in: window),
               let stored = window.slice(start..<start + entry.compressedSize) {
                _ = try? ZipMemberDecoder.content(of: entry, stored: stored)
            }
        }
    }

    @Test func wheelWithoutMetadataIsMetadataUnavailable() async throws {
        let index = try Self.mirror(wheel: Self.wheel(metadata: nil))
        let client = TestEnvironment.client(index.jsonAPIURL)
        let failure = await client.metadata("wheelpkg", version: "1.0").failure
        #expect(failure == .metadataUnavailable(reason: "no wheel of wheelpkg 1.0 publishes core metadata (PEP 658), "
            + "and METADATA could not be read from the wheel \(Self.wheelName): the wheel has no .dist-info/METADATA file"))
        #expect(index.server.requestCount(Self.wheelPath) == 1)
    }

    @Test func sdistOnlyVersionStaysUnavailableWithoutDownloads() async throws {
        let index = try Self.mirror(wheel: Self.wheel())
        let client = TestEnvironment.client(index.jsonAPIURL)
        #expect(await client.metadata("wheelpkg", version: "0.9").failure
            == .metadataUnavailable(reason: "wheelpkg 0.9 publishes no wheel and no core metadata (PEP 658)"))
        #expect(index.server.requests.allSatisfy { !$0.path.hasPrefix("/packages/") })
    }

    @Test func wheelMetadataIsCachedAsImmutable() async throws {
        let index = try Self.mirror(wheel: Self.wheel())
        let cache = TestEnvironment.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: cache) }
        let first = TestEnvironment.client(index.jsonAPIURL, cache: cache)
        Self.expectWheelPkgMetadata(try #require(await first.metadata("wheelpkg", version: "1.0").value))
        let second = TestEnvironment.client(index.jsonAPIURL, cache: cache, maxAge: 0)
        Self.expectWheelPkgMetadata(try #require(await second.metadata("wheelpkg", version: "1.0").value))
        #expect(index.server.requestCount(Self.wheelPath) == 1)
    }

    @Test func contentRangeHeadersParse() {
        #expect(HTTPContentRange("bytes 163164-228699/228700") == HTTPContentRange(first: 163_164, last: 228_699, total: 228_700))
        #expect(HTTPContentRange("bytes 0-9/*") == HTTPContentRange(first: 0, last: 9, total: nil))
        #expect(HTTPContentRange("bytes */1234") == nil)
        #expect(HTTPContentRange("bytes 10-9/100") == nil)
        #expect(HTTPContentRange("bytes 0-99/100") != nil)
        #expect(HTTPContentRange("bytes 0-100/100") == nil)
        #expect(HTTPByteRange.suffix(65536).headerValue == "bytes=-65536")
        #expect(HTTPByteRange.span(first: 5, last: 9).headerValue == "bytes=5-9")
    }
}
