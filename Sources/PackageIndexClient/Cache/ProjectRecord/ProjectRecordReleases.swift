import Foundation
import PinAuditCore

/// The releases of one record: a release's row is parsed the first time the release is used,
/// its file line read and parsed the first time its files are asked for.
final class ProjectRecordReleases: ReleaseSource, @unchecked Sendable {
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
        return lines.digests(start..<(start + ProjectRecord.digestLength * row.summary.fileCount), ofRelease: row.version) ?? []
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
            return scanner.releaseRow(filesStart: filesStart)
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

private extension ByteScanner {
    /// A row as the writer writes it; nil for one with an escaped string, which `JSONParser` then reads.
    mutating func releaseRow(filesStart: Int) -> ProjectRecordReleases.Row? {
        guard take(UInt8(ascii: "[")), let version = string() ?? nil, take(UInt8(ascii: ",")),
              let fileCount = count(), take(UInt8(ascii: ",")),
              let yanked = bool(), take(UInt8(ascii: ",")),
              let reason = string(), take(UInt8(ascii: ",")),
              let requiresPython = string(), take(UInt8(ascii: ",")),
              let released = string(), take(UInt8(ascii: ",")),
              let offset = count(), take(UInt8(ascii: ",")),
              let length = count(), take(UInt8(ascii: "]")), atEnd else { return nil }
        let start = filesStart + offset
        return ProjectRecordReleases.Row(version: version,
                                         summary: ReleaseSummary(fileCount: fileCount, isYanked: yanked, yankedReason: reason,
                                                                 requiresPython: requiresPython, released: released.flatMap(CalendarDay.init(iso:))),
                                         files: start..<(start + length))
    }
}
