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
///     [files of release 0]\n<digests of release 0>\n[files of release 1]\n<digests of release 1>\n...
///
/// A release's digest line is the sha256 of each of its files as 64 hex digits (64 `-` for a file
/// without one), run together: `files` × 64 bytes right after its file line, which the row's
/// offset and length locate.
///
/// A reader reads the first four parts (a few kilobytes even for a project of thousands of
/// releases) and parses the header and the order at once; a release's row is parsed when the
/// release is first used, and its file line (or only its digest line, for the hash check) is
/// read from the file when asked for. The file lines, nearly all of a record, are never read otherwise.
enum ProjectRecord {
    static let magic = "pinaudit-project"

    // MARK: Writing

    /// `entry.index` is the index URL (without credentials): the record keeps only a guard derived
    /// from it, and its URLs relative to the index's bases (`CacheURLCodec`).
    static func encode(_ entry: CacheEntry<ProjectFacts>) -> Data {
        let facts = entry.value
        let urls = CacheURLCodec(indexURL: entry.index)
        let header = PinAuditCore.JSONValue.object([
            ("index", .string(IndexCache.indexGuard(entry.index))),
            ("fetchedAtMilliseconds", .int(Int((entry.fetchedAt * 1000).rounded()))),
            ("etag", .optional(entry.etag)),
            ("lastModified", .optional(entry.lastModified)),
            ("immutable", .bool(entry.immutable)),
            ("name", .string(facts.name)),
            ("latestVersion", .optional(facts.latestVersion)),
            ("projectURLs", .object(facts.projectURLs.sorted { $0.key < $1.key }.map { ($0.key, .string(urls.encode($0.value))) })),
            ("status", .optional(facts.status)),
            ("statusReason", .optional(facts.statusReason)),
            ("pageURL", .optional(urls.encode(facts.pageURL))),
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
                lines.string(urls.encode(file.url)); lines.raw(",")
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
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { hex in
                for file in release.files {
                    if let digest = file.sha256Digest {
                        digest.writeHex(into: hex)
                        lines.raw(bytes: hex)
                    } else {
                        lines.raw(bytes: repeatElement(UInt8(ascii: "-"), count: 64))
                    }
                }
            }
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

    /// What is at a record's path.
    enum Found {
        case missing
        /// Not a record, of another format, damaged, or unreadable.
        case damaged
        case record(CacheEntry<ProjectFacts>)

        var record: CacheEntry<ProjectFacts>? {
            if case .record(let record) = self { record } else { nil }
        }
    }

    /// The record at `path` of the index at `index` (its URL without credentials), reading its
    /// prefix only. A record written for another index reads as damaged.
    static func read(path: String, index: String) -> Found {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT ? .missing : .damaged }
        var closeDescriptor = true
        defer { if closeDescriptor { close(descriptor) } }
        // Most prefixes fit in the first read; a longer one is read again whole.
        guard let first = readBytes(descriptor, at: 0, count: 4096),
              let magicEnd = newline(in: first, from: 0), let magicLine = MagicLine(first[0..<magicEnd]) else { return .damaged }
        let total = magicEnd + 1 + magicLine.prefixLength
        let prefix: Data
        if first.count < total {
            guard let whole = readBytes(descriptor, at: 0, count: total), whole.count == total else { return .damaged }
            prefix = whole
        } else {
            prefix = first[0..<total]
        }
        guard let headerEnd = newline(in: prefix, from: magicEnd + 1) else { return .damaged }
        // The magic line and the header (validators, time fetched) tell one version of the record from another.
        let file = RecordFile(path: path, index: index, identity: prefix[0...headerEnd], descriptor: descriptor)
        if file.keepsDescriptor { closeDescriptor = false }
        return decode(prefix, magicLine: magicLine, magicEnd: magicEnd, index: index, lines: file).map(Found.record) ?? .damaged
    }

    /// A record of the index at `index` held whole in memory (as `encode` gives it).
    static func decode(_ data: Data, index: String) -> CacheEntry<ProjectFacts>? {
        guard let magicEnd = newline(in: data, from: data.startIndex), let magicLine = MagicLine(data[data.startIndex..<magicEnd]),
              data.count >= magicEnd + 1 - data.startIndex + magicLine.prefixLength else { return nil }
        return decode(data[data.startIndex..<(magicEnd + 1 + magicLine.prefixLength)], magicLine: magicLine, magicEnd: magicEnd,
                      index: index, lines: InMemoryLines(data: data, urls: CacheURLCodec(indexURL: index)))
    }

    /// `pinaudit-project <format> <length of the prefix after this line>`.
    private struct MagicLine {
        var format: Int
        var prefixLength: Int

        init?(_ bytes: Data) {
            guard let fields = bytes.withUnsafeBytes({ raw -> (Int, Int)? in
                var scanner = ByteScanner(bytes: raw)
                guard scanner.take(ProjectRecord.magic.utf8), scanner.take(UInt8(ascii: " ")), let format = scanner.count(),
                      scanner.take(UInt8(ascii: " ")), let length = scanner.count(), scanner.atEnd else { return nil }
                return (format, length)
            }) else { return nil }
            (format, prefixLength) = fields
        }
    }

    /// Decodes the prefix (magic line, header, order, rows); file lines come from `lines`, by
    /// offsets from the start of the record.
    private static func decode(_ prefix: Data, magicLine: MagicLine, magicEnd: Int, index: String,
                               lines: any RecordLines) -> CacheEntry<ProjectFacts>? {
        guard let headerEnd = newline(in: prefix, from: magicEnd + 1),
              let orderEnd = newline(in: prefix, from: headerEnd + 1),
              let header = try? Header(prefix[(magicEnd + 1)..<headerEnd]), header.index == IndexCache.indexGuard(index),
              let order = try? positions(prefix[(headerEnd + 1)..<orderEnd], below: header.releaseCount) else { return nil }
        // One row line per release; the file lines start where the prefix ends.
        guard let rowStarts = lineStarts(in: prefix, from: orderEnd + 1, count: header.releaseCount) else { return nil }
        let source = Releases(prefix: prefix, rowStarts: rowStarts, filesStart: prefix.endIndex - prefix.startIndex, lines: lines)
        let urls = CacheURLCodec(indexURL: index)
        let facts = ProjectFacts(name: header.name, latestVersion: header.latestVersion,
                                 releases: (0..<header.releaseCount).map { ReleaseFacts(source: source, release: $0) },
                                 projectURLs: header.projectURLs.mapValues { urls.decode($0) }, status: header.status,
                                 statusReason: header.statusReason, pageURL: urls.decode(header.pageURL), releaseOrder: order)
        return CacheEntry(format: magicLine.format, index: index, fetchedAt: header.fetchedAtMilliseconds / 1000,
                          etag: header.etag, lastModified: header.lastModified, immutable: header.immutable ?? false, value: facts)
    }

    /// Where each of `count` lines starting at `start` starts (offsets from `data`'s start), and
    /// where the last one's successor would: the lines must end exactly at the end of `data`; nil
    /// otherwise. Four bytes a line: a project may have thousands.
    private static func lineStarts(in data: Data, from start: Data.Index, count: Int) -> [UInt32]? {
        guard start <= data.endIndex, data.count < Int(UInt32.max) else { return nil }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [UInt32]? in
            var starts: [UInt32] = []
            starts.reserveCapacity(count + 1)
            var offset = start - data.startIndex
            for _ in 0..<count {
                guard offset < raw.count, let found = memchr(raw.baseAddress! + offset, 0x0A, raw.count - offset) else { return nil }
                starts.append(UInt32(offset))
                offset = raw.baseAddress!.distance(to: UnsafeRawPointer(found)) + 1
            }
            starts.append(UInt32(offset))
            return offset == raw.count ? starts : nil
        }
    }

    /// Up to `count` bytes at `offset` (fewer at the end of the file), read into a buffer that is
    /// not cleared first; nil on a read error.
    private static func readBytes(_ descriptor: Int32, at offset: Int, count: Int) -> Data? {
        guard count > 0 else { return Data() }
        guard let base = malloc(count) else { return nil }
        var done = 0
        while done < count {
            let got = pread(descriptor, base + done, count - done, off_t(offset + done))
            if got < 0 {
                if errno == EINTR { continue }
                free(base)
                return nil
            }
            if got == 0 { break }
            done += got
        }
        return Data(bytesNoCopy: base, count: done, deallocator: .free)
    }

    /// The header line, read member by member.
    private struct Header {
        var index = "", name = ""
        var fetchedAtMilliseconds = -1.0
        var immutable: Bool?
        var releaseCount = -1
        var etag, lastModified, latestVersion, status, statusReason, pageURL: String?
        var projectURLs: [String: String] = [:]

        private init() {}

        init(_ line: Data) throws {
            if let scanned = line.withUnsafeBytes({ raw -> Header? in
                var scanner = ByteScanner(bytes: raw)
                return Header(scanning: &scanner)
            }) {
                self = scanned
                return
            }
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

        /// The header as `encode` writes it (its members in that order, no escapes); nil for any
        /// other, which `JSONParser` then reads.
        private init?(scanning scanner: inout ByteScanner) {
            guard scanner.take(#"{"index":"#.utf8), let index = scanner.string() ?? nil,
                  scanner.take(#","fetchedAtMilliseconds":"#.utf8), let fetchedAt = scanner.count(),
                  scanner.take(#","etag":"#.utf8), let etag = scanner.string(),
                  scanner.take(#","lastModified":"#.utf8), let lastModified = scanner.string(),
                  scanner.take(#","immutable":"#.utf8), let immutable = scanner.bool(),
                  scanner.take(#","name":"#.utf8), let name = scanner.string() ?? nil,
                  scanner.take(#","latestVersion":"#.utf8), let latestVersion = scanner.string(),
                  scanner.take(#","projectURLs":{"#.utf8) else { return nil }
            var projectURLs: [String: String] = [:]
            if !scanner.take(UInt8(ascii: "}")) {
                repeat {
                    guard let label = scanner.string() ?? nil, scanner.take(UInt8(ascii: ":")), let url = scanner.string() ?? nil else { return nil }
                    projectURLs[label] = url
                } while scanner.take(UInt8(ascii: ","))
                guard scanner.take(UInt8(ascii: "}")) else { return nil }
            }
            guard scanner.take(#","status":"#.utf8), let status = scanner.string(),
                  scanner.take(#","statusReason":"#.utf8), let statusReason = scanner.string(),
                  scanner.take(#","pageURL":"#.utf8), let pageURL = scanner.string(),
                  scanner.take(#","releases":"#.utf8), let releaseCount = scanner.count(),
                  scanner.take(UInt8(ascii: "}")), scanner.atEnd else { return nil }
            self.init()
            self.index = index; self.name = name; fetchedAtMilliseconds = Double(fetchedAt); self.immutable = immutable
            self.releaseCount = releaseCount; self.etag = etag; self.lastModified = lastModified
            self.latestVersion = latestVersion; self.status = status; self.statusReason = statusReason; self.pageURL = pageURL
            self.projectURLs = projectURLs
        }
    }

    /// The order line: `[position, epoch, major, minor]` per release, positions below `count`.
    /// Read byte by byte rather than through `JSONParser`: it is a project's longest fixed-shape
    /// line (tens of kilobytes for a project of thousands of releases), and every audit reads it.
    private static func positions(_ line: Data, below count: Int) throws -> [RankedRelease] {
        let damaged = DocumentError(description: "damaged release order")
        return try line.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [RankedRelease] in
            var scanner = ByteScanner(bytes: raw)
            guard scanner.take(UInt8(ascii: "[")) else { throw damaged }
            var order: [RankedRelease] = []
            if !scanner.take(UInt8(ascii: "]")) {
                order.reserveCapacity(count)
                repeat {
                    guard scanner.take(UInt8(ascii: "[")), let position = scanner.count(), scanner.take(UInt8(ascii: ",")),
                          let epoch = scanner.count(), scanner.take(UInt8(ascii: ",")),
                          let major = scanner.count(), scanner.take(UInt8(ascii: ",")),
                          let minor = scanner.count(), scanner.take(UInt8(ascii: "]")), position < count else { throw damaged }
                    order.append(RankedRelease(position: position, epoch: epoch, major: major, minor: minor))
                } while scanner.take(UInt8(ascii: ","))
                guard scanner.take(UInt8(ascii: "]")) else { throw damaged }
            }
            guard scanner.atEnd else { throw damaged }
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
        struct Row {
            var version: String
            var summary: ReleaseSummary
            /// Where the file line is, from the start of the record.
            var files: Range<Int>?
        }

        private let prefix: Data
        /// Where each row starts in `prefix`, and where the line after the last one would.
        private let rowStarts: [UInt32]
        private let filesStart: Int
        private let lines: any RecordLines
        private let lock = NSLock()
        private var decodedRows: [Int: Row] = [:]
        private var decodedFiles: [Int: [ReleaseFile]] = [:]

        init(prefix: Data, rowStarts: [UInt32], filesStart: Int, lines: any RecordLines) {
            self.prefix = prefix
            self.rowStarts = rowStarts
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

        func digests(ofRelease release: Int) -> [SHA256Digest?] {
            if let known = lock.withLock({ decodedFiles[release] }) { return known.map(\.sha256Digest) }
            let row = row(release)
            guard let files = row.files else { return [] }
            // The digest line follows the file line and its line break.
            let start = files.upperBound + 1
            return lines.digests(start..<(start + 64 * row.summary.fileCount), ofRelease: row.version) ?? []
        }

        private func row(_ release: Int) -> Row {
            if let known = lock.withLock({ decodedRows[release] }) { return known }
            // A damaged row (the header and the line count were sound, so only a file changed
            // under its mapping could cause it) reads as a release without files.
            var row = Self.damaged
            if release >= 0, release + 1 < rowStarts.count {
                let line = prefix.startIndex + Int(rowStarts[release])..<prefix.startIndex + Int(rowStarts[release + 1]) - 1
                row = (try? parse(line)) ?? Self.damaged
            }
            lock.withLock { decodedRows[release] = row }
            return row
        }

        private static let damaged = Row(version: "", summary: ReleaseSummary(files: []), files: nil)

        private func parse(_ range: Range<Int>) throws -> Row {
            let fast = prefix.withUnsafeBytes { raw in
                var scanner = ByteScanner(bytes: UnsafeRawBufferPointer(
                    rebasing: raw[(range.lowerBound - prefix.startIndex)..<(range.upperBound - prefix.startIndex)]))
                return scanner.row(filesStart: filesStart)
            }
            if let fast { return fast }
            return try JSONParser.read(prefix[range]) { reader in
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

    /// The record's fixed-shape lines (magic line, order, rows) read byte by byte, the way
    /// `encode` writes them: every audit reads them, and `JSONParser`'s generality costs there.
    /// Each reader returns nil (or false) on anything else, without consuming less than it read.
    struct ByteScanner {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func take(_ text: String.UTF8View) -> Bool {
            guard bytes.count - index >= text.count, UnsafeRawBufferPointer(rebasing: bytes[index...]).starts(with: text) else { return false }
            index += text.count
            return true
        }

        /// Up to 18 decimal digits.
        mutating func count() -> Int? {
            var value = 0
            let start = index
            while index < bytes.count, index - start < 18, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
                value = value * 10 + Int(digit)
                index += 1
            }
            return index > start ? value : nil
        }

        /// `"text"` (without escapes) or `null`; nil when neither.
        mutating func string() -> String?? {
            if take("null".utf8) { return .some(nil) }
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
            guard take(UInt8(ascii: "\"")) else { return nil }
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
        }

        mutating func bool() -> Bool? {
            if take("true".utf8) { return true }
            if take("false".utf8) { return false }
            return nil
        }

        /// A row; nil for one with an escaped string, which `JSONParser` then reads.
        mutating func row(filesStart: Int) -> Releases.Row? {
            guard take(UInt8(ascii: "[")), let version = string() ?? nil, take(UInt8(ascii: ",")),
                  let fileCount = count(), take(UInt8(ascii: ",")),
                  let yanked = bool(), take(UInt8(ascii: ",")),
                  let reason = string(), take(UInt8(ascii: ",")),
                  let requiresPython = string(), take(UInt8(ascii: ",")),
                  let released = string(), take(UInt8(ascii: ",")),
                  let offset = count(), take(UInt8(ascii: ",")),
                  let length = count(), take(UInt8(ascii: "]")), atEnd else { return nil }
            let start = filesStart + offset
            return Releases.Row(version: version,
                                summary: ReleaseSummary(fileCount: fileCount, isYanked: yanked, yankedReason: reason,
                                                        requiresPython: requiresPython, released: released.flatMap(CalendarDay.init(iso:))),
                                files: start..<(start + length))
        }
    }

    /// Where a record's file lines are read from.
    protocol RecordLines: Sendable {
        /// The files on the line at `range` (offsets from the start of the record) of the release
        /// keyed `version`; nil when there is no such line.
        func line(_ range: Range<Int>, ofRelease version: String) -> [ReleaseFile]?
        /// The digests on the digest line at `range`; nil when there is no such line.
        func digests(_ range: Range<Int>, ofRelease version: String) -> [SHA256Digest?]?
    }

    /// A record in memory.
    struct InMemoryLines: RecordLines {
        let data: Data
        let urls: CacheURLCodec
        func line(_ range: Range<Int>, ofRelease version: String) -> [ReleaseFile]? {
            let start = data.startIndex + range.lowerBound
            guard start + range.count <= data.endIndex else { return nil }
            return ProjectRecord.decodeFiles(data[start..<(start + range.count)], urls: urls)
        }

        func digests(_ range: Range<Int>, ofRelease version: String) -> [SHA256Digest?]? {
            let start = data.startIndex + range.lowerBound
            guard start + range.count <= data.endIndex else { return nil }
            return ProjectRecord.decodeDigests(data[start..<(start + range.count)])
        }
    }

    /// A record on disk: a file line is read when asked for. The descriptor the prefix was read
    /// through is kept for the first such read (an audit reads one line of each project), while the
    /// process has descriptors to spare; later reads open the file again. A record replaced since
    /// its prefix was read (another run refreshed it; writes are atomic renames) no longer has the
    /// same prefix; the release's files then come from the new record.
    final class RecordFile: RecordLines, @unchecked Sendable {
        let path: String
        let index: String
        let urls: CacheURLCodec
        let identity: Data
        private let lock = NSLock()
        private var kept: Int32?

        /// Takes `descriptor` (open on the record at `path`) when it may be kept (see `keepsDescriptor`).
        init(path: String, index: String, identity: Data, descriptor: Int32) {
            self.path = path
            self.index = index
            urls = CacheURLCodec(indexURL: index)
            self.identity = identity
            if KeptDescriptors.shared.reserve() { kept = descriptor }
        }

        var keepsDescriptor: Bool { lock.withLock { kept != nil } }

        deinit {
            if let kept { close(kept); KeptDescriptors.shared.release() }
        }

        func line(_ range: Range<Int>, ofRelease version: String) -> [ReleaseFile]? {
            if let bytes = read(range) { return ProjectRecord.decodeFiles(bytes, urls: urls) }
            return ProjectRecord.read(path: path, index: index).record?.value.releases.first { $0.version == version }?.files
        }

        func digests(_ range: Range<Int>, ofRelease version: String) -> [SHA256Digest?]? {
            if let bytes = read(range) { return ProjectRecord.decodeDigests(bytes) }
            return ProjectRecord.read(path: path, index: index).record?.value.releases.first { $0.version == version }?.digests
        }

        /// The bytes at `range` of the record whose prefix was read; nil when the file was replaced.
        private func read(_ range: Range<Int>) -> Data? {
            if let descriptor = lock.withLock({ () -> Int32? in defer { kept = nil }; return kept }) {
                // The same open file as the prefix: no need to compare prefixes.
                defer { close(descriptor); KeptDescriptors.shared.release() }
                guard let bytes = readBytes(descriptor, at: range.lowerBound, count: range.count), bytes.count == range.count else { return nil }
                return bytes
            }
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            guard readBytes(descriptor, at: 0, count: identity.count) == identity,
                  let bytes = readBytes(descriptor, at: range.lowerBound, count: range.count), bytes.count == range.count else { return nil }
            return bytes
        }
    }

    /// How many record descriptors are kept open at once: half the process's limit, at most 4,096.
    /// A descriptor is released when its first line is read (the audit does so within its window)
    /// or when its record is freed; records read and kept without a line read (the closure walk's,
    /// the planner's) hold theirs until the limit is reached, after which records open anew.
    final class KeptDescriptors: @unchecked Sendable {
        static let shared = KeptDescriptors()
        private let lock = NSLock()
        private var count = 0
        let limit: Int

        init() {
            var limits = rlimit()
            let soft = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits) == 0 ? Int(clamping: limits.rlim_cur) : 256
            limit = min(soft / 2, 4096)
        }

        func reserve() -> Bool {
            lock.withLock {
                guard count < limit else { return false }
                count += 1
                return true
            }
        }
        func release() { lock.withLock { count -= 1 } }
    }

    /// One release's digest line: 64 hex digits per file, `-` × 64 where a file has none. A
    /// damaged line reads as no digests.
    static func decodeDigests(_ line: Data) -> [SHA256Digest?] {
        guard line.count % 64 == 0 else { return [] }
        return line.withUnsafeBytes { raw in
            stride(from: 0, to: raw.count, by: 64).map { offset in
                raw[offset] == UInt8(ascii: "-") ? nil : SHA256Digest(hexDigits: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 64)]))
            }
        }
    }

    /// One release's file line, read as tokens, its URLs expanded by `urls`; a damaged line reads as no files.
    static func decodeFiles(_ line: Data, urls: CacheURLCodec) -> [ReleaseFile] {
        let files = try? JSONParser.read(line) { reader -> [ReleaseFile] in
            var files: [ReleaseFile] = []
            try reader.readElements { reader in
                try reader.expect(byte: UInt8(ascii: "["))
                let filename = try reader.readString()
                try reader.expect(byte: UInt8(ascii: ","))
                let packageType = try reader.readOptionalString()
                try reader.expect(byte: UInt8(ascii: ","))
                let url = urls.decode(try reader.readString())
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
