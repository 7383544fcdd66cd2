import Foundation
import PinAuditCore

/// The on-disk form of a cached project document, laid out so a reader decodes only what it needs.
///
/// A project of a thousand releases is mostly file lists (URLs, digests, dates), while an audit needs
/// every release's summary and the files of one or two releases. So the record is three parts:
///
///     pinaudit-project <format>\n
///     {header: validators and project fields}\n
///     [[version, files, yanked, reason, requires_python, released, offset, length], ...]\n
///     [files of release 0]\n[files of release 1]\n...
///
/// The header and the release rows (a summary of each release, and where its file line lies in
/// the last part) are read at once; a release's file line is parsed the first time its files are
/// asked for. Readers map the file instead of reading it, so untouched file lines cost no memory.
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
        ]).rendered(pretty: false)
        // Rows and file lines are written as text directly: a project has thousands of them.
        var rows = JSONTextWriter(capacity: 64 * facts.releases.count + 2)
        var lines = JSONTextWriter(capacity: 400 * facts.releases.count)
        rows.raw("[")
        for (position, release) in facts.releases.enumerated() {
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
            rows.raw(position > 0 ? ",[" : "[")
            rows.string(release.version); rows.raw(",")
            rows.int(summary.fileCount); rows.raw(",")
            rows.bool(summary.isYanked); rows.raw(",")
            rows.string(summary.yankedReason); rows.raw(",")
            rows.string(summary.requiresPython); rows.raw(",")
            rows.string(summary.released?.description); rows.raw(",")
            rows.int(start); rows.raw(",")
            rows.int(length); rows.raw("]")
        }
        rows.raw("]")
        var data = Data(capacity: header.utf8.count + rows.bytes.count + lines.bytes.count + 32)
        data.append(contentsOf: "\(magic) \(entry.format)\n".utf8)
        data.append(contentsOf: header.utf8)
        data.append(UInt8(ascii: "\n"))
        data.append(contentsOf: rows.bytes)
        data.append(UInt8(ascii: "\n"))
        data.append(contentsOf: lines.bytes)
        return data
    }

    // MARK: Reading

    /// The entry of a record, its releases' files decoded lazily out of `data`; nil when the data
    /// is not a record, has another format, or its header is damaged.
    static func decode(_ data: Data) -> CacheEntry<ProjectFacts>? {
        guard let magicEnd = newline(in: data, from: data.startIndex),
              let magicLine = String(data: data[data.startIndex..<magicEnd], encoding: .utf8),
              magicLine.hasPrefix(magic + " "), let format = Int(magicLine.dropFirst(magic.count + 1)),
              let headerEnd = newline(in: data, from: magicEnd + 1),
              let rowsEnd = newline(in: data, from: headerEnd + 1),
              let header = try? JSONParser.parse(data[(magicEnd + 1)..<headerEnd]).object,
              let index = header["index"]?.string, case .number(let fetchedAt)? = header["fetchedAtMilliseconds"],
              let immutable = header["immutable"]?.bool, let name = header["name"]?.string else { return nil }
        var facts = ProjectFacts(name: name, latestVersion: header["latestVersion"]?.string, releases: [],
                                 status: header["status"]?.string, statusReason: header["statusReason"]?.string,
                                 pageURL: header["pageURL"]?.string)
        if let urls = header["projectURLs"]?.object {
            for (label, url) in urls.members { if let url = url.string { facts.projectURLs[label] = url } }
        }
        let lines = FileLines(data: data[(rowsEnd + 1)...])
        guard let releases = try? releases(data[(headerEnd + 1)..<rowsEnd], lines: lines) else { return nil }
        facts.releases = releases
        return CacheEntry(format: format, index: index, fetchedAt: fetchedAt / 1000, etag: header["etag"]?.string,
                          lastModified: header["lastModified"]?.string, immutable: immutable, value: facts)
    }

    /// The release rows, read as tokens (a project may have thousands of them).
    private static func releases(_ rows: Data, lines: FileLines) throws -> [ReleaseFacts] {
        try JSONParser.read(rows) { reader in
            var releases: [ReleaseFacts] = []
            var requiresPython: String?
            try reader.expect(byte: UInt8(ascii: "["))
            if reader.take(UInt8(ascii: "]")) { return releases }
            repeat {
                try reader.expect(byte: UInt8(ascii: "["))
                let version = try reader.readString()
                try reader.expect(byte: UInt8(ascii: ","))
                let fileCount = try reader.readCount()
                try reader.expect(byte: UInt8(ascii: ","))
                let yanked = try reader.readBool()
                try reader.expect(byte: UInt8(ascii: ","))
                let reason = try reader.readOptionalString()
                try reader.expect(byte: UInt8(ascii: ","))
                requiresPython = try reader.readOptionalString(reusing: requiresPython)
                try reader.expect(byte: UInt8(ascii: ","))
                let released = try reader.readOptionalString()
                try reader.expect(byte: UInt8(ascii: ","))
                let offset = try reader.readCount()
                try reader.expect(byte: UInt8(ascii: ","))
                let length = try reader.readCount()
                try reader.expect(byte: UInt8(ascii: "]"))
                guard lines.add(offset: offset, length: length) else {
                    throw DocumentError(description: "release row out of bounds")
                }
                let summary = ReleaseSummary(fileCount: fileCount, isYanked: yanked, yankedReason: reason,
                                             requiresPython: requiresPython, released: released.flatMap(CalendarDay.init(iso:)))
                releases.append(ReleaseFacts(version: version, summary: summary, source: lines, release: releases.count))
            } while reader.take(UInt8(ascii: ","))
            try reader.expect(byte: UInt8(ascii: "]"))
            return releases
        }
    }

    private static func newline(in data: Data, from start: Data.Index) -> Data.Index? {
        guard start < data.endIndex else { return nil }
        return data[start...].withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
            guard let base = raw.baseAddress, let found = memchr(base, 0x0A, raw.count) else { return nil }
            return start + base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// The file lines of one record: each release's line is parsed the first time it is asked for.
    final class FileLines: ReleaseFileSource, @unchecked Sendable {
        private let data: Data
        private var ranges: [Range<Int>] = []
        private let lock = NSLock()
        private var decoded: [Int: [ReleaseFile]] = [:]

        init(data: Data) { self.data = data }

        /// Records where the next release's line is; false when it lies outside the data. Only
        /// called while the record is decoded, before the lines are shared.
        func add(offset: Int, length: Int) -> Bool {
            guard offset + length <= data.count else { return false }
            let start = data.startIndex + offset
            ranges.append(start..<(start + length))
            return true
        }

        func files(ofRelease release: Int) -> [ReleaseFile] {
            lock.lock(); defer { lock.unlock() }
            if let files = decoded[release] { return files }
            let files = ranges.indices.contains(release) ? ProjectRecord.decodeFiles(data[ranges[release]]) : []
            decoded[release] = files
            return files
        }
    }

    /// One release's file line; a damaged line reads as no files (the header was sound, so this
    /// only happens if the file changed under a mapping, which atomic writes rule out).
    static func decodeFiles(_ line: Data) -> [ReleaseFile] {
        guard let rows = try? JSONParser.parse(line).array else { return [] }
        return rows.compactMap { row in
            guard let f = row.array, f.count == 9, let filename = f[0].string, let url = f[2].string else { return nil }
            return ReleaseFile(filename: filename, packageType: f[1].string, url: url, yanked: f[3].bool ?? false,
                               yankedReason: f[4].string, uploadTime: f[5].string, requiresPython: f[6].string,
                               sha256: f[7].string, hasCoreMetadata: f[8].bool ?? false)
        }
    }
}
