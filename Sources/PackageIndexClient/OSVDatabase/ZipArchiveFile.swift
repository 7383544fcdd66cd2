import Foundation

/// A whole ZIP archive held in memory (an OSV export of a few MB), read with the same directory
/// parser and member decoder as wheels (`ZipDirectory`, `ZipMemberDecoder`). Every member is
/// checked (size cap, CRC-32) when it is read; a damaged archive is a `ZipFormatError`.
struct ZipArchiveFile {
    /// Members larger than this are refused (an OSV advisory is a few KiB; the largest is under 1 MB).
    static let maxMemberBytes = 8 << 20

    let window: ByteWindow
    let entries: [ZipDirectory.Entry]

    init(bytes: [UInt8]) throws {
        window = ByteWindow(offset: 0, bytes: bytes)
        let end: ZipDirectory.End
        switch try ZipDirectory.findEnd(in: window, fileSize: bytes.count) {
        case .found(let found): end = found
        case .zip64Record(let offset): end = try ZipDirectory.zip64End(at: offset, in: window)
        }
        guard end.directoryOffset + end.directorySize <= bytes.count else {
            throw ZipFormatError("the central directory lies beyond the end of the file (the file is cut short)")
        }
        entries = try ZipDirectory.entries(end, in: window)
    }

    init(contentsOf url: URL) throws {
        try self.init(bytes: Array(try Data(contentsOf: url)))
    }

    /// The content of one member, checked.
    func content(of entry: ZipDirectory.Entry, limit: Int = ZipArchiveFile.maxMemberBytes) throws -> [UInt8] {
        let start = try ZipDirectory.dataOffset(of: entry, in: window)
        guard let stored = window.slice(start..<start + entry.compressedSize) else {
            throw ZipFormatError("\(entry.name) lies beyond the end of the file (the file is cut short)")
        }
        return try ZipMemberDecoder.content(of: entry, stored: stored, limit: limit)
    }

    /// Every `.json` member's content, in directory order; throws at the first damaged one.
    func jsonMembers() throws -> [(name: String, content: [UInt8])] {
        try entries.filter { $0.name.hasSuffix(".json") }.map { ($0.name, try content(of: $0)) }
    }
}
