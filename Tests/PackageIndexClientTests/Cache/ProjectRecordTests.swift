import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing

@Suite("Cached project records")
struct ProjectRecordTests {
    static let facts = ProjectFacts(
        name: "Demo", latestVersion: "2.0",
        releases: [
            ReleaseFacts(version: "1.0", files: [
                ReleaseFile(filename: "demo-1.0.tar.gz", packageType: "sdist", url: "https://files.example/demo-1.0.tar.gz",
                            yanked: true, yankedReason: "  broken \"quoted\" \\ reason\n ", uploadTime: "2020-02-03T04:05:06Z",
                            requiresPython: ">=3.8", sha256: "aa", hasCoreMetadata: false),
                ReleaseFile(filename: "demo-1.0-py3-none-any.whl", url: "https://files.example/demo-1.0-py3-none-any.whl",
                            yanked: true, uploadTime: "2020-02-01T00:00:00Z", requiresPython: ">=3.8", sha256: wheelDigest,
                            hasCoreMetadata: true),
            ]),
            ReleaseFacts(version: "1.1", files: []),
            ReleaseFacts(version: "2.0", files: [
                ReleaseFile(filename: "démo-2.0-py3-none-any.whl", url: "https://files.example/d%C3%A9mo-2.0.whl",
                            uploadTime: "2024-12-31T23:59:59.999999Z", requiresPython: ">=3.8", sha256: newestDigest),
            ]),
            ReleaseFacts(version: "not a version", files: [ReleaseFile(filename: "x.zip", url: "u")]),
        ],
        projectURLs: ["Homepage": "https://example.org", "Changelog": "https://example.org/changes"],
        status: "deprecated", statusReason: "use demo2", pageURL: "https://index.example/project/demo/")

    static let index = "http://127.0.0.1:1/pypi"

    /// Digests as an index may publish them: one in capitals; "aa" above is no digest at all.
    static let wheelDigest = "0123456789ABCDEF" + String(repeating: "f", count: 48)
    static let newestDigest = String(repeating: "0", count: 63) + "9"

    static func entry(_ value: ProjectFacts = facts) -> CacheEntry<ProjectFacts> {
        CacheEntry(format: IndexCache.formatVersion, index: index, fetchedAt: 1_700_000_000.25,
                   etag: "\"abc\"", lastModified: "Tue, 01 Oct 2024 00:00:00 GMT", immutable: false, value: value)
    }

    @Test func roundTripsEveryField() throws {
        let decoded = try #require(ProjectRecord.decode(ProjectRecord.encode(Self.entry()), index: Self.index))
        #expect(decoded.value == Self.facts)
        #expect(decoded.value.releases.map(\.files) == Self.facts.releases.map(\.files))
        #expect(decoded.format == IndexCache.formatVersion)
        #expect(decoded.index == "http://127.0.0.1:1/pypi")
        #expect(decoded.fetchedAt == 1_700_000_000.25)
        #expect(decoded.etag == "\"abc\"" && decoded.lastModified == "Tue, 01 Oct 2024 00:00:00 GMT")
        #expect(decoded.value.projectURLs == Self.facts.projectURLs)
        #expect(decoded.value.status == "deprecated" && decoded.value.statusReason == "use demo2")
    }

    /// The record names no host of its index: URLs on the index's origin and on the public index's
    /// file host are kept relative, the index URL only as a guard; all come back as the index gave them.
    @Test func urlsOfTheIndexAndItsFileHostAreStoredWithoutTheirHosts() throws {
        let index = "https://index.example/pypi"
        let files = IndexConfiguration.publicFileHost + "packages/ab/cd/demo-1.0-py3-none-any.whl"
        let facts = ProjectFacts(name: "demo", latestVersion: "1.0",
                                 releases: [ReleaseFacts(version: "1.0", files: [ReleaseFile(filename: "demo-1.0-py3-none-any.whl", url: files),
                                                                                ReleaseFile(filename: "demo-1.0.tar.gz", url: "https://index.example/packages/demo-1.0.tar.gz")])],
                                 projectURLs: ["Source": "https://elsewhere.example/demo", "Download": "https://index.example/project/demo/#files"],
                                 pageURL: "https://index.example/project/demo/")
        let entry = CacheEntry(format: IndexCache.formatVersion, index: index, fetchedAt: 1, etag: nil, lastModified: nil,
                               immutable: false, value: facts)
        let stored = String(decoding: ProjectRecord.encode(entry), as: UTF8.self)
        let fileHost = try #require(URLComponents(string: IndexConfiguration.publicFileHost)?.host)
        #expect(!stored.contains("index.example") && !stored.contains(fileHost))
        #expect(stored.contains("elsewhere.example"))
        let decoded = try #require(ProjectRecord.decode(Data(stored.utf8), index: index))
        #expect(decoded.value == facts)
        #expect(decoded.value.releases[0].files.map(\.url) == [files, "https://index.example/packages/demo-1.0.tar.gz"])
        #expect(decoded.value.projectURLs == facts.projectURLs && decoded.value.pageURL == facts.pageURL)
        // Written for one index, the record is not another's.
        #expect(ProjectRecord.decode(Data(stored.utf8), index: "https://other.example/pypi") == nil)
    }

    @Test func urlCodecLeavesOtherURLsAlone() {
        let codec = CacheURLCodec(indexURL: "http://127.0.0.1:8080/simple")
        #expect(codec.encode("http://127.0.0.1:8080/files/a.whl") == "~0/files/a.whl")
        #expect(codec.decode("~0/files/a.whl") == "http://127.0.0.1:8080/files/a.whl")
        #expect(codec.encode("http://127.0.0.1:8081/files/a.whl") == "http://127.0.0.1:8081/files/a.whl")
        #expect(codec.decode("~9/x") == "~9/x" && codec.decode("~x/y") == "~x/y")
    }

    @Test func aProjectWithoutReleasesRoundTrips() throws {
        let empty = ProjectFacts(name: "nothing", releases: [])
        let decoded = try #require(ProjectRecord.decode(ProjectRecord.encode(Self.entry(empty)), index: Self.index))
        #expect(decoded.value == empty)
        #expect(decoded.value.latestVersion == nil && decoded.value.projectURLs.isEmpty)
    }

    @Test func summariesDescribeTheFiles() throws {
        let releases = try #require(ProjectRecord.decode(ProjectRecord.encode(Self.entry()), index: Self.index)).value.releases
        #expect(releases[0].isYanked)
        #expect(releases[0].yankedReason == "broken \"quoted\" \\ reason")
        #expect(releases[0].released == CalendarDay(year: 2020, month: 2, day: 1))
        #expect(releases[0].fileCount == 2 && releases[0].requiresPython == ">=3.8")
        #expect(!releases[1].hasFiles && !releases[1].isYanked && releases[1].released == nil)
        #expect(releases[2].released == CalendarDay(year: 2024, month: 12, day: 31) && !releases[2].isYanked)
        #expect(releases[3].requiresPython == nil)
    }

    /// The files of a release are parsed when asked for: a damaged file line of one release
    /// leaves the others and every summary readable.
    @Test func filesAreDecodedOnlyWhenAskedFor() throws {
        var text = String(decoding: ProjectRecord.encode(Self.entry()), as: UTF8.self)
        let line = "[[\"demo-2.0\"]]"
        let original = try #require(text.range(of: "[[\"démo-2.0-py3-none-any.whl\""))
        // Same byte length, so the row offsets still hold, but no longer a valid file row.
        let lineEnd = try #require(text[original.lowerBound...].firstIndex(of: "\n"))
        let length = text[original.lowerBound..<lineEnd].utf8.count
        text.replaceSubrange(original.lowerBound..<lineEnd, with: line + String(repeating: " ", count: length - line.utf8.count))
        let decoded = try #require(ProjectRecord.decode(Data(text.utf8), index: Self.index))
        #expect(decoded.value.releases[2].fileCount == 1)
        #expect(decoded.value.releases[2].files.isEmpty)
        #expect(decoded.value.releases[0].files == Self.facts.releases[0].files)
    }

    /// A hand-written record: the magic line with the length of header, order and rows.
    /// What a record of `index` keeps of its URL.
    static let indexMember = #"{"index":""# + IndexCache.indexGuard(index) + "\""

    static func record(header: String = indexMember + #","fetchedAtMilliseconds":0,"immutable":false,"name":"d","releases":2}"#,
                       order: String, rows: [String], lines: String = "[]\n[]\n") -> String {
        let prefix = header + "\n" + order + "\n" + rows.map { $0 + "\n" }.joined()
        return "pinaudit-project 2 \(prefix.utf8.count)\n" + prefix + lines
    }

    static let oneRow = #"["1.0",1,false,null,null,null,0,2]"#
    static let twoRow = #"["2.0",1,false,null,null,null,3,2]"#

    @Test(arguments: [
        "", "pinaudit-project\n", "pinaudit-project two 3\n{}\n[]\n", "pinaudit-project 2\n{}\n[]\n",
        // A header without its fields or its release count.
        record(header: indexMember + "}", order: "[]", rows: []),
        record(header: indexMember + #","fetchedAtMilliseconds":0,"immutable":false,"name":"d"}"#, order: "[]", rows: []),
        // A record of another index.
        record(header: #"{"index":"x","fetchedAtMilliseconds":0,"immutable":false,"name":"d","releases":2}"#,
               order: "[[1,0,2,0],[0,0,1,0]]", rows: [oneRow, twoRow]),
        // An order naming a release that is not there; fewer rows than releases; an order entry too short.
        record(order: "[[0,0,1,0],[2,0,2,0]]", rows: [oneRow, twoRow]),
        record(order: "[[1,0,2,0],[0,0,1,0]]", rows: [oneRow]),
        record(order: "[[1,0,2],[0,0,1,0]]", rows: [oneRow, twoRow]),
        // A prefix length that does not end where the rows end.
        record(order: "[[1,0,2,0],[0,0,1,0]]", rows: [oneRow, twoRow]).replacingOccurrences(of: "pinaudit-project 2 ", with: "pinaudit-project 2 1"),
    ])
    func damagedRecordsAreRejected(text: String) {
        #expect(ProjectRecord.decode(Data(text.utf8), index: Self.index) == nil)
    }

    /// A row damaged after the header was written reads as a release without files; the others stand.
    @Test func aDamagedRowReadsAsAReleaseWithoutFiles() throws {
        let text = Self.record(order: "[[1,0,2,0],[0,0,1,0]]", rows: [Self.oneRow, #"["2.0",1,fal"#])
        let releases = try #require(ProjectRecord.decode(Data(text.utf8), index: Self.index)).value.releases
        #expect(releases.map(\.version) == ["1.0", ""])
        #expect(releases[0].hasFiles && !releases[1].hasFiles && releases[1].files.isEmpty)
    }

    /// The releases an audit considers, newest first: PEP 440 versions with files, of equal
    /// versions the later key; what the catalog reads instead of every version.
    @Test func theOrderOfReleasesIsRecorded() throws {
        let file = ReleaseFile(filename: "x.tar.gz", url: "u")
        let facts = ProjectFacts(name: "d", releases: ["1.0", "2.0", "1.0.0", "bad", "3.0rc1", "0.9"].map {
            ReleaseFacts(version: $0, files: $0 == "0.9" ? [] : [file])
        })
        let decoded = try #require(ProjectRecord.decode(ProjectRecord.encode(Self.entry(facts)), index: Self.index)).value
        #expect(decoded.releaseOrder?.map(\.position) == [4, 1, 2])
        #expect(decoded.releaseOrder?.map(\.major) == [3, 2, 1])
        #expect(decoded == facts)
    }

    /// Reading a record from disk reads its summary part; a release's files are read from the
    /// file when asked for, and come from the new record when another run replaced it meanwhile.
    @Test func filesAreReadFromTheRecordAsItIsWhenAskedFor() throws {
        let (folder, path) = try Self.recordOnDisk()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try #require(ProjectRecord.read(path: path, index: Self.index).record).value
        #expect(first.releases[0].files == Self.facts.releases[0].files)
        // Replaced by a newer record whose 2.0 has another file (as a refresh would write it).
        var newer = Self.facts
        newer.releases[2] = ReleaseFacts(version: "2.0", files: [ReleaseFile(filename: "demo-2.0.tar.gz", url: "https://files.example/n")])
        var entry = Self.entry(newer)
        entry.fetchedAt += 60
        try ProjectRecord.encode(entry).write(to: URL(fileURLWithPath: path))
        #expect(first.releases[2].files.map(\.filename) == ["demo-2.0.tar.gz"])
        // A record that disappeared leaves the release without files rather than failing.
        try FileManager.default.removeItem(atPath: path)
        #expect(first.releases[1].files.isEmpty)
    }

    /// The hash check reads a release's digest line, not its files: one digest per file, none
    /// for a file without a well-formed one, the same whether the record is in memory or on disk.
    @Test func digestsAreReadWithoutTheFiles() throws {
        let expected: [[SHA256Digest?]] = [
            [nil, SHA256Digest(hex: Self.wheelDigest)], [], [SHA256Digest(hex: Self.newestDigest)], [nil],
        ]
        #expect(expected[0][1]?.description == Self.wheelDigest.lowercased())
        let inMemory = try #require(ProjectRecord.decode(ProjectRecord.encode(Self.entry()), index: Self.index)).value
        #expect(inMemory.releases.map(\.digests) == expected)
        #expect(Self.facts.releases.map(\.digests) == expected)

        let (folder, path) = try Self.recordOnDisk()
        defer { try? FileManager.default.removeItem(at: folder) }
        let onDisk = try #require(ProjectRecord.read(path: path, index: Self.index).record).value
        #expect(onDisk.releases.map(\.digests) == expected)
        #expect(onDisk.releases[0].files == Self.facts.releases[0].files)
    }

    /// The first line read from a record comes through the descriptor its prefix was read with:
    /// from the record as it was read, even if another run has replaced the file since. Later
    /// reads open the file again and find the new record.
    @Test func theFirstLineComesFromTheRecordThePrefixWasReadFrom() throws {
        let (folder, path) = try Self.recordOnDisk()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try #require(ProjectRecord.read(path: path, index: Self.index).record).value

        var newer = Self.facts
        let replacement = String(repeating: "e", count: 64)
        newer.releases[2] = ReleaseFacts(version: "2.0", files: [ReleaseFile(filename: "demo-2.0.tar.gz", url: "u", sha256: replacement)])
        var entry = Self.entry(newer)
        entry.fetchedAt += 60
        let temporary = path + ".new"
        try ProjectRecord.encode(entry).write(to: URL(fileURLWithPath: temporary))
        #expect(rename(temporary, path) == 0)

        #expect(first.releases[2].digests == [SHA256Digest(hex: Self.newestDigest)])
        #expect(first.releases[2].digests == [SHA256Digest(hex: replacement)])
        #expect(first.releases[2].files.map(\.filename) == ["demo-2.0.tar.gz"])
    }

    /// `entry()` written as `demo.record` in a new temporary folder.
    static func recordOnDisk() throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pinaudit-record-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("demo.record").path
        try ProjectRecord.encode(entry()).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    @Test func aCacheRoundTripReadsTheRecord() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pinaudit-record-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = IndexCache(directory: folder)
        let file = cache.projectFile(index: "http://127.0.0.1:1/pypi", name: "demo")
        #expect(file.lastPathComponent == "demo.record")
        #expect(cache.store(Self.entry(), to: file))
        let loaded = try #require(cache.load(ProjectFacts.self, from: file, index: "http://127.0.0.1:1/pypi"))
        #expect(loaded.value == Self.facts)
        // Another index's key never answers.
        #expect(cache.load(ProjectFacts.self, from: file, index: "http://127.0.0.1:2/pypi") == nil)
    }
}

@Suite("Token reading of known layouts")
struct JSONTokenReaderTests {
    @Test func optionalStringsAreDecodedWithTheirEscapes() throws {
        let rows = try JSONParser.read(Data(#"[">=3.8", ">=3.8", "a\"b", "a\"b", null, "x\\"]"#.utf8)) { reader -> [String?] in
            var out: [String?] = []
            try reader.expect(byte: UInt8(ascii: "["))
            repeat {
                out.append(try reader.readOptionalString())
            } while reader.take(UInt8(ascii: ","))
            try reader.expect(byte: UInt8(ascii: "]"))
            return out
        }
        #expect(rows == [">=3.8", ">=3.8", "a\"b", "a\"b", nil, "x\\"])
    }

    @Test func countsAreDigitsOnly() throws {
        #expect(try JSONParser.read(Data(" 1234".utf8)) { try $0.readCount() } == 1234)
        #expect(throws: JSONParseError.self) { try JSONParser.read(Data("-1".utf8)) { try $0.readCount() } }
        #expect(throws: JSONParseError.self) { try JSONParser.read(Data("12 x".utf8)) { try $0.readCount() } }
    }
}
