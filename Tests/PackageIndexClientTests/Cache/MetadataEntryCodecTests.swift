import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing

/// Version-metadata cache entries are written through the one JSON writer, in the form that
/// `Codable` gave them: entries written before read, and entries written now read back the same.
@Suite("Version-metadata cache entries")
struct MetadataEntryCodecTests {
    static let entry = CacheEntry(
        format: IndexCache.formatVersion, index: "index:0123456789abcdef", fetchedAt: 1_796_529_377.0173497, etag: "\"e/1\"",
        lastModified: nil, immutable: false,
        value: VersionMetadata(name: "demo", version: "1.0", requiresDist: ["idna>=2 ; python_version < \"3.8\""], requiresPython: ">=3.8",
                               providesExtra: ["socks"], vulnerabilities: [
                                   Vulnerability(id: "PYSEC-1", aliases: ["CVE-1"], fixedIn: ["1.1"], summary: "Bad.", link: nil,
                                                 severity: VulnerabilitySeverity(level: .critical, score: CVSSScore(tenths: 98),
                                                                                   vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", source: .cvssV3)),
                                   Vulnerability(id: "MAL-2", source: "osv", severity: VulnerabilitySeverity(level: .high, source: .databaseSpecific),
                                                 malicious: true),
                               ]))

    @Test func readsEntriesThatCodableWrote() throws {
        let written = try JSONEncoder().encode(Self.entry)
        let read = try #require(MetadataEntryCodec.decode(written))
        #expect(read.value == Self.entry.value)
        #expect(read.fetchedAt == Self.entry.fetchedAt && read.etag == Self.entry.etag && read.lastModified == nil)
        #expect(read.format == Self.entry.format && read.index == Self.entry.index && !read.immutable)
    }

    @Test func writesEntriesThatCodableReads() throws {
        let written = MetadataEntryCodec.encode(Self.entry)
        let read = try JSONDecoder().decode(CacheEntry<VersionMetadata>.self, from: written)
        #expect(read.value == Self.entry.value)
        #expect(read.fetchedAt == Self.entry.fetchedAt && read.etag == Self.entry.etag)
        #expect(MetadataEntryCodec.decode(written)?.value == Self.entry.value)
    }

    @Test(arguments: [
        #"{"format":4,"index":"i","fetchedAt":1,"immutable":true}"#,
        #"{"format":4,"index":"i","fetchedAt":1,"immutable":true,"value":{"name":"a","version":"1","requiresDist":[1],"providesExtra":[]}}"#,
        #"{"format":"4","index":"i","fetchedAt":1,"immutable":true,"value":{"name":"a","version":"1","requiresDist":[],"providesExtra":[]}}"#,
        #"{"format":4,"index":"i","fetchedAt":1,"immutable":true,"etag":3,"value":{"name":"a","version":"1","requiresDist":[],"providesExtra":[]}}"#,
        "not json",
    ])
    func anEntryOfAnotherShapeIsUnreadable(text: String) {
        #expect(MetadataEntryCodec.decode(Data(text.utf8)) == nil)
    }

    @Test func theSmallestEntryReads() throws {
        let text = #"{"format":4,"index":"i","fetchedAt":1,"immutable":true,"value":{"name":"a","version":"1","requiresDist":[],"providesExtra":[]}}"#
        let entry = try #require(MetadataEntryCodec.decode(Data(text.utf8)))
        #expect(entry.value.vulnerabilities == nil && entry.value.requiresPython == nil && entry.fetchedAt == 1)
    }
}
