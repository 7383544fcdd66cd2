import Foundation
import PinAuditCore

/// The on-disk form of a cached project document, laid out so a reader decodes only what it needs.
///
/// A project of a thousand releases is mostly file lists (URLs, digests, dates), while an audit needs
/// the newest releases, the pinned one, and the files of that one. So the record is five parts:
///
///     pinaudit-project <format>\n
///     {header: validators, the project's fields, the number of releases}\n
///     [[position, epoch, major, minor] of each release an audit considers, newest first]\n
///     [version, files, yanked, reason, requires_python, released, offset, length]\n   one per release
///     [files of release 0]\n[files of release 1]\n...
///
/// The header and the order are read at once; a release's row is parsed when the release is
/// first used, and its file line when its files are first asked for. Readers map the file, so
/// the parts never read cost no memory.
enum ProjectRecord {
    static let magic = "pinaudit-project"

    // MARK: Writing

    static func encode(_ entry: CacheEntry<ProjectFacts>) -> Data {
        let facts = entry.value
        let header = PinAuditCore.JSONValue.object([
            ("index", .string(entry.index)),
            ("fetchedAtMilliseconds", .int(Int((entry.fetchedAt * 1000).rounded()))),
            ("etag", .optional(entry.etag)),
            ("lastModified", .optional(entry.lastModified)),
            ("immutable", .bool(entry.immutable)),
            ("name", .string(facts.name)),
            ("latestVersion", .optional(facts.latestVersion)),
            ("projectURLs", .object(facts.projectURLs.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("status", .optional(facts.status)),
            ("statusReason", .optional(facts.statusReason)),
            ("pageURL", .optional(facts.pageURL)),
            ("releases", .int(facts.releases.count)),
        ]).rendered(pretty: false)
        var order = JSONTextWriter(capacity: 16 * facts.releases.count + 2)
        order.raw("[")
        for (index, ranked) in (facts.releaseOrder ?? facts.newestFirstOrder()).enumerated() {
            order.raw(index > 0 ? ",[" : "[")
            order.int(ranked.position); order.raw(",")
            order.int(ranked.epoch); order.raw(",")
            order.int(ranked.major); order.raw(",")
            order.int(ranked.minor); order.raw("]")
        }
        order.raw("]")
        // Rows and file lines are written as text directly: a project has thousands of them.
        var rows = JSONTextWriter(capacity: 64 * facts.releases.count)
        var lines = JSONTextWriter(capacity: 400 * facts.releases.count)
        for release in facts.releases {
            let start = lines.bytes.count
            lines.raw("[")
            for (index, file) in release.files.enumerated() {
                lines.raw(index > 0 ? ",[" : "[")
                lines.string(file.filename); lines.raw(",")
                lines.string(file.packageType); lines.raw(",")
                lines.string(file.url); lines.raw(",")
                lines.bool(file.yanked); lines.raw(",")
                lines.string(file.yankedReason); lines.raw(",")
                lines.string(file.uploadTime); lines.raw(",")
                lines.string(file.requiresPython); lines.raw(",")
                lines.string(file.sha256); lines.raw(",")
                lines.bool(file.hasCoreMetadata); lines.raw("]")
            }
            lines.raw("]")
            let length = lines.bytes.count - start
            lines.raw("\n")
            let summary = release.summary
            rows.raw("[")
            rows.string(release.version); rows.raw(",")
            rows.int(summary.fileCount); rows.raw(",")
            rows.bool(summary.isYanked); rows.raw(",")
            rows.string(summary.yankedReason); rows.raw(",")
            rows.string(summary.requiresPython); rows.raw(",")
            rows.string(summary.released?.description); rows.raw(",")
            rows.int(start); rows.raw(",")
            rows.int(length); rows.raw("]\n")
        }
        var data = Data(capacity: header.utf8.count + order.bytes.count + rows.bytes.count + lines.bytes.count + 32)
        data.append(contentsOf: "\(magic) \(entry.format)\n".utf8)
        data.append(contentsOf: header.utf8)
        data.append(UInt8(ascii: "\n"))
        data.append(contentsOf: order.bytes)
        data.append(UInt8(ascii: "\n"))
        data.append(contentsOf: rows.bytes)
        data.append(contentsOf: lines.bytes)
        return data
    }

    // MARK: Reading

    /// The entry of a record, its releases read lazily out of `data`; nil when the data is not a
    /// record, has another format, or its header, order or row lines are damaged.
    static func decode(_ data: Data) -> CacheEntry<ProjectFacts>? {
        guard let magicEnd = newline(in: data, from: data.startIndex),
              let magicLine = String(data: data[data.startIndex..<magicEnd], encoding: .utf8),
              magicLine.hasPrefix(magic + " "), let format = Int(magicLine.dropFirst(magic.count + 1)),
              let headerEnd = newline(in: data, from: magicEnd + 1),
              let orderEnd = newline(in: data, from: headerEnd + 1),
              let header = try? Header(data[(magicEnd + 1)..<headerEnd]),
              let order = try? positions(data[(headerEnd + 1)..<orderEnd], below: header.releaseCount) else { return nil }
        // One row line per release, then the file lines.
        var rowRanges: [Range<Int>] = []
        rowRanges.reserveCapacity(header.releaseCount)
        var start = orderEnd + 1
        for _ in 0..<header.releaseCount {
            guard let end = newline(in: data, from: start) else { return nil }
            rowRanges.append(start..<end)
            start = end + 1
        }
        let source = Releases(data: data, rows: rowRanges, filesStart: start)
        let facts = ProjectFacts(name: header.name, latestVersion: header.latestVersion,
                                 releases: (0..<rowRanges.count).map { ReleaseFacts(source: source, release: $0) },
                                 projectURLs: header.projectURLs, status: header.status, statusReason: header.statusReason,
                                 pageURL: header.pageURL, releaseOrder: order)
        return CacheEntry(format: format, index: header.index, fetchedAt: header.fetchedAtMilliseconds / 1000,
                          etag: header.etag, lastModified: header.lastModified, immutable: header.immutable ?? false, value: facts)
    }

    /// The header line, read member by member.
    private struct Header {
        var index = "", name = ""
        var fetchedAtMilliseconds = -1.0
        var immutable: Bool?
        var releaseCount = -1
        var etag, lastModified, latestVersion, status, statusReason, pageURL: String?
        var projectURLs: [String: String] = [:]

        init(_ line: Data) throws {
            var index: String?, name: String?
            try JSONParser.read(line) { reader in
                try reader.readMembers { key, reader in
                    switch key {
                    case "index": index = try reader.readString()
                    case "name": name = try reader.readString()
                    case "fetchedAtMilliseconds": fetchedAtMilliseconds = try reader.readNumber()
                    case "immutable": immutable = try reader.readBool()
                    case "releases": releaseCount = try reader.readCount()
                    case "etag": etag = try reader.readOptionalString()
                    case "lastModified": lastModified = try reader.readOptionalString()
                    case "latestVersion": latestVersion = try reader.readOptionalString()
                    case "status": status = try reader.readOptionalString()
                    case "statusReason": statusReason = try reader.readOptionalString()
                    case "pageURL": pageURL = try reader.readOptionalString()
                    case "projectURLs":
                        try reader.readMembers { label, reader in projectURLs[label] = try reader.readString() }
                    default: try reader.skipValue()
                    }
                }
            }
            guard let index, let name, fetchedAtMilliseconds >= 0, immutable != nil, releaseCount >= 0 else {
                throw DocumentError(description: "record header lacks a field")
            }
            self.index = index
            self.name = name
        }
    }

    /// The order line: `[position, epoch, major, minor]` per release, positions below `count`.
    private static func positions(_ line: Data, below count: Int) throws -> [RankedRelease] {
        try JSONParser.read(line) { reader in
            var order: [RankedRelease] = []
            try reader.readElements { reader in
                try reader.expect(byte: UInt8(ascii: "["))
                let position = try reader.readCount()
                try reader.expect(byte: UInt8(ascii: ","))
                let epoch = try reader.readCount()
                try reader.expect(byte: UInt8(ascii: ","))
                let major = try reader.readCount()
                try reader.expect(byte: UInt8(ascii: ","))
                let minor = try reader.readCount()
                try reader.expect(byte: UInt8(ascii: "]"))
                guard position < count else { throw DocumentError(description: "release position out of range") }
                order.append(RankedRelease(position: position, epoch: epoch, major: major, minor: minor))
            }
            return order
        }
    }

    private static func newline(in data: Data, from start: Data.Index) -> Data.Index? {
        guard start < data.endIndex else { return nil }
        return data[start...].withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
            guard let base = raw.baseAddress, let found = memchr(base, 0x0A, raw.count) else { return nil }
            return start + base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// The releases of one record: a release's row is parsed the first time the release is used,
    /// its file line the first time its files are asked for.
    final class Releases: ReleaseSource, @unchecked Sendable {
        private struct Row {
            var version: String
            var summary: ReleaseSummary
            var files: Range<Int>?
        }

        private let data: Data
        private let rows: [Range<Int>]
        private let filesStart: Int
        private let lock = NSLock()
        private var decodedRows: [Int: Row] = [:]
        private var decodedFiles: [Int: [ReleaseFile]] = [:]

        init(data: Data, rows: [Range<Int>], filesStart: Int) {
            self.data = data
            self.rows = rows
            self.filesStart = filesStart
        }

        func version(ofRelease release: Int) -> String { row(release).version }

        func summary(ofRelease release: Int) -> ReleaseSummary { row(release).summary }

        func files(ofRelease release: Int) -> [ReleaseFile] {
            if let known = lock.withLock({ decodedFiles[release] }) { return known }
            let files = row(release).files.map { ProjectRecord.decodeFiles(data[$0]) } ?? []
            lock.withLock { decodedFiles[release] = files }
            return files
        }

        private func row(_ release: Int) -> Row {
            if let known = lock.withLock({ decodedRows[release] }) { return known }
            // A damaged row (the header and the line count were sound, so only a file changed
            // under its mapping could cause it) reads as a release without files.
            let row = rows.indices.contains(release) ? ((try? parse(data[rows[release]])) ?? Self.damaged) : Self.damaged
            lock.withLock { decodedRows[release] = row }
            return row
        }

        private static let damaged = Row(version: "", summary: ReleaseSummary(files: []), files: nil)

        private func parse(_ line: Data) throws -> Row {
            try JSONParser.read(line) { reader in
                try reader.expect(byte: UInt8(ascii: "["))
                let version = try reader.readString()
                try reader.expect(byte: UInt8(ascii: ","))
                let fileCount = try reader.readCount()
                try reader.expect(byte: UInt8(ascii: ","))
                let yanked = try reader.readBool()
                try reader.expect(byte: UInt8(ascii: ","))
                let reason = try reader.readOptionalString()
                try reader.expect(byte: UInt8(ascii: ","))
                let requiresPython = try reader.readOptionalString()
                try reader.expect(byte: UInt8(ascii: ","))
                let released = try reader.readOptionalString()
                try reader.expect(byte: UInt8(ascii: ","))
                let offset = try reader.readCount()
                try reader.expect(byte: UInt8(ascii: ","))
                let length = try reader.readCount()
                try reader.expect(byte: UInt8(ascii: "]"))
                let start = filesStart + offset
                let files = start + length <= data.endIndex ? start..<(start + length) : nil
                return Row(version: version,
                           summary: ReleaseSummary(fileCount: fileCount, isYanked: yanked, yankedReason: reason,
                                                   requiresPython: requiresPython, released: released.flatMap(CalendarDay.init(iso:))),
                           files: files)
            }
        }
    }

    /// One release's file line, read as tokens; a damaged line reads as no files.
    static func decodeFiles(_ line: Data) -> [ReleaseFile] {
        let files = try? JSONParser.read(line) { reader -> [ReleaseFile] in
            var files: [ReleaseFile] = []
            try reader.readElements { reader in
                try reader.expect(byte: UInt8(ascii: "["))
                let filename = try reader.readString()
                try reader.expect(byte: UInt8(ascii: ","))
                let packageType = try reader.readOptionalString()
                try reader.expect(byte: UInt8(ascii: ","))
                let url = try reader.readString()
                try reader.expect(byte: UInt8(ascii: ","))
                let yanked = try reader.readBool()
                try reader.expect(byte: UInt8(ascii: ","))
                let yankedReason = try reader.readOptionalString()
                try reader.expect(byte: UInt8(ascii: ","))
                let uploadTime = try reader.readOptionalString()
                try reader.expect(byte: UInt8(ascii: ","))
                let requiresPython = try reader.readOptionalString()
                try reader.expect(byte: UInt8(ascii: ","))
                let sha256 = try reader.readOptionalString()
                try reader.expect(byte: UInt8(ascii: ","))
                let hasCoreMetadata = try reader.readBool()
                try reader.expect(byte: UInt8(ascii: "]"))
                files.append(ReleaseFile(filename: filename, packageType: packageType, url: url, yanked: yanked,
                                         yankedReason: yankedReason, uploadTime: uploadTime, requiresPython: requiresPython,
                                         sha256: sha256, hasCoreMetadata: hasCoreMetadata))
            }
            return files
        }
        return files ?? []
    }
}
