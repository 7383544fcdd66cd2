import Foundation
import PinAuditCore

/// The on-disk form of a cached project document, laid out so a reader decodes only what it needs.
///
/// A project of a thousand releases is mostly file lists (URLs, digests, dates), while an audit needs
/// the newest releases, the pinned one, and the files of that one. So the record is five parts:
///
///     pinaudit-project <format> <length of the next three parts>\n
///     {header: validators, the project's fields, the number of releases}\n
///     [[position, epoch, major, minor] of each release an audit considers, newest first]\n
///     [version, files, yanked, reason, requires_python, released, offset, length]\n   one per release
///     [files of release 0]\n[files of release 1]\n...
///
/// A reader reads the first four parts (a few kilobytes even for a project of thousands of
/// releases) and parses the header and the order at once; a release's row is parsed when the
/// release is first used, and its file line is read from the file when its files are first
/// asked for. The file lines, nearly all of a record, are never read otherwise.
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
        // The magic line says how long the header, order and rows are: a reader reads that much.
        let prefixLength = header.utf8.count + 1 + order.bytes.count + 1 + rows.bytes.count
        var data = Data(capacity: prefixLength + lines.bytes.count + 40)
        data.append(contentsOf: "\(magic) \(entry.format) \(prefixLength)\n".utf8)
        data.append(contentsOf: header.utf8)
        data.append(UInt8(ascii: "\n"))
        data.append(contentsOf: order.bytes)
        data.append(UInt8(ascii: "\n"))
        data.append(contentsOf: rows.bytes)
        data.append(contentsOf: lines.bytes)
        return data
    }

    // MARK: Reading

    /// The record at `path`, reading its prefix only; nil when missing, not a record, of another
    /// format, or damaged.
    static func read(path: String) -> CacheEntry<ProjectFacts>? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard var prefix = readBytes(descriptor, at: 0, count: 4096),
              let magicEnd = newline(in: prefix, from: 0), let magicLine = MagicLine(prefix[0..<magicEnd]) else { return nil }
        let total = magicEnd + 1 + magicLine.prefixLength
        if prefix.count < total {
            guard let rest = readBytes(descriptor, at: prefix.count, count: total - prefix.count) else { return nil }
            prefix.append(rest)
        }
        guard prefix.count >= total, let headerEnd = newline(in: prefix, from: magicEnd + 1) else { return nil }
        // The magic line and the header (validators, time fetched) tell one version of the record from another.
        return decode(prefix[0..<total], lines: RecordFile(path: path, identity: prefix[0...headerEnd]))
    }

    /// A record held whole in memory (as `encode` gives it).
    static func decode(_ data: Data) -> CacheEntry<ProjectFacts>? {
        guard let magicEnd = newline(in: data, from: data.startIndex), let magicLine = MagicLine(data[data.startIndex..<magicEnd]),
              data.count >= magicEnd + 1 - data.startIndex + magicLine.prefixLength else { return nil }
        return decode(data[data.startIndex..<(magicEnd + 1 + magicLine.prefixLength)], lines: InMemoryLines(data: data))
    }

    private struct MagicLine {
        var format: Int
        var prefixLength: Int

        init?(_ bytes: Data) {
            guard let text = String(data: bytes, encoding: .utf8), text.hasPrefix(ProjectRecord.magic + " ") else { return nil }
            let fields = text.dropFirst(ProjectRecord.magic.count + 1).split(separator: " ")
            guard fields.count == 2, let format = Int(fields[0]), let length = Int(fields[1]), length >= 0 else { return nil }
            self.format = format
            prefixLength = length
        }
    }

    /// Decodes the prefix (magic line, header, order, rows); file lines come from `lines`, by
    /// offsets from the start of the record.
    private static func decode(_ prefix: Data, lines: any RecordLines) -> CacheEntry<ProjectFacts>? {
        guard let magicEnd = newline(in: prefix, from: prefix.startIndex),
              let magicLine = MagicLine(prefix[prefix.startIndex..<magicEnd]),
              let headerEnd = newline(in: prefix, from: magicEnd + 1),
              let orderEnd = newline(in: prefix, from: headerEnd + 1),
              let header = try? Header(prefix[(magicEnd + 1)..<headerEnd]),
              let order = try? positions(prefix[(headerEnd + 1)..<orderEnd], below: header.releaseCount) else { return nil }
        // One row line per release; the file lines start where the prefix ends.
        var rowRanges: [Range<Int>] = []
        rowRanges.reserveCapacity(header.releaseCount)
        var start = orderEnd + 1
        for _ in 0..<header.releaseCount {
            guard let end = newline(in: prefix, from: start) else { return nil }
            rowRanges.append(start..<end)
            start = end + 1
        }
        guard start == prefix.endIndex else { return nil }
        let source = Releases(prefix: prefix, rows: rowRanges, filesStart: start - prefix.startIndex, lines: lines)
        let facts = ProjectFacts(name: header.name, latestVersion: header.latestVersion,
                                 releases: (0..<rowRanges.count).map { ReleaseFacts(source: source, release: $0) },
                                 projectURLs: header.projectURLs, status: header.status, statusReason: header.statusReason,
                                 pageURL: header.pageURL, releaseOrder: order)
        return CacheEntry(format: magicLine.format, index: header.index, fetchedAt: header.fetchedAtMilliseconds / 1000,
                          etag: header.etag, lastModified: header.lastModified, immutable: header.immutable ?? false, value: facts)
    }

    /// Up to `count` bytes at `offset` (fewer at the end of the file); nil on a read error.
    private static func readBytes(_ descriptor: Int32, at offset: Int, count: Int) -> Data? {
        var buffer = Data(count: count)
        var done = 0
        let failed = buffer.withUnsafeMutableBytes { raw -> Bool in
            while done < count {
                let got = pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset + done))
                if got < 0 { if errno == EINTR { continue }; return true }
                if got == 0 { break }
                done += got
            }
            return false
        }
        guard !failed else { return nil }
        buffer.count = done
        return buffer
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
    /// its file line read and parsed the first time its files are asked for.
    final class Releases: ReleaseSource, @unchecked Sendable {
        private struct Row {
            var version: String
            var summary: ReleaseSummary
            /// Where the file line is, from the start of the record.
            var files: Range<Int>?
        }

        private let prefix: Data
        private let rows: [Range<Int>]
        private let filesStart: Int
        private let lines: any RecordLines
        private let lock = NSLock()
        private var decodedRows: [Int: Row] = [:]
        private var decodedFiles: [Int: [ReleaseFile]] = [:]

        init(prefix: Data, rows: [Range<Int>], filesStart: Int, lines: any RecordLines) {
            self.prefix = prefix
            self.rows = rows
            self.filesStart = filesStart
            self.lines = lines
        }

        func version(ofRelease release: Int) -> String { row(release).version }

        func summary(ofRelease release: Int) -> ReleaseSummary { row(release).summary }

        func files(ofRelease release: Int) -> [ReleaseFile] {
            if let known = lock.withLock({ decodedFiles[release] }) { return known }
            let row = row(release)
            let files = row.files.flatMap { lines.line($0, ofRelease: row.version) } ?? []
            lock.withLock { decodedFiles[release] = files }
            return files
        }

        private func row(_ release: Int) -> Row {
            if let known = lock.withLock({ decodedRows[release] }) { return known }
            // A damaged row (the header and the line count were sound, so only a file changed
            // under its mapping could cause it) reads as a release without files.
            let row = rows.indices.contains(release) ? ((try? parse(prefix[rows[release]])) ?? Self.damaged) : Self.damaged
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
                let files = start..<(start + length)
                return Row(version: version,
                           summary: ReleaseSummary(fileCount: fileCount, isYanked: yanked, yankedReason: reason,
                                                   requiresPython: requiresPython, released: released.flatMap(CalendarDay.init(iso:))),
                           files: files)
            }
        }
    }

    /// Where a record's file lines are read from.
    protocol RecordLines: Sendable {
        /// The files on the line at `range` (offsets from the start of the record) of the release
        /// keyed `version`; nil when there is no such line.
        func line(_ range: Range<Int>, ofRelease version: String) -> [ReleaseFile]?
    }

    /// A record in memory.
    struct InMemoryLines: RecordLines {
        let data: Data
        func line(_ range: Range<Int>, ofRelease version: String) -> [ReleaseFile]? {
            let start = data.startIndex + range.lowerBound
            guard start + range.count <= data.endIndex else { return nil }
            return ProjectRecord.decodeFiles(data[start..<(start + range.count)])
        }
    }

    /// A record on disk: a file line is read when asked for. A record replaced since its prefix
    /// was read (another run refreshed it; writes are atomic renames) no longer has the same
    /// prefix; the release's files then come from the new record.
    struct RecordFile: RecordLines {
        let path: String
        let identity: Data

        func line(_ range: Range<Int>, ofRelease version: String) -> [ReleaseFile]? {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            if readBytes(descriptor, at: 0, count: identity.count) == identity,
               let bytes = readBytes(descriptor, at: range.lowerBound, count: range.count), bytes.count == range.count {
                return ProjectRecord.decodeFiles(bytes)
            }
            return ProjectRecord.read(path: path)?.value.releases.first { $0.version == version }?.files
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
