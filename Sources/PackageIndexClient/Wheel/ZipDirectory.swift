import PythonPackaging

/// The parts of a ZIP archive (PKWARE APPNOTE 6.3) needed to find one member without reading
/// the rest: the end of central directory record (classic or ZIP64), the central directory and
/// a member's local header. Every read is bounds-checked; a malformed archive is a
/// `ZipFormatError`, never a crash.
enum ZipDirectory {
    /// Where the central directory is, from the end record.
    struct End: Equatable {
        var entryCount: Int
        var directoryOffset: Int
        var directorySize: Int
    }

    /// What the file's tail says about the end of the archive.
    enum EndSearch: Equatable {
        case found(End)
        /// The classic record overflows; the ZIP64 end record sits at this offset.
        case zip64Record(at: Int)
    }

    /// One central directory entry.
    struct Entry: Equatable {
        var name: String
        var flags: Int
        var method: Int
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
        var extraLength: Int
    }

    static let endSignature = 0x0605_4B50
    static let zip64EndSignature = 0x0606_4B50
    static let zip64LocatorSignature = 0x0706_4B50
    static let centralSignature = 0x0201_4B50
    static let localSignature = 0x0403_4B50
    static let endRecordLength = 22
    static let zip64EndRecordLength = 56
    static let localHeaderLength = 30

    /// Finds the end record in `tail`, the last bytes of a file of `fileSize` bytes.
    static func findEnd(in tail: ByteWindow, fileSize: Int) throws -> EndSearch {
        // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
        let latest = fileSize - endRecordLength
        let earliest = max(tail.offset, fileSize - endRecordLength - 0xFFFF)
        guard latest >= earliest else { throw ZipFormatError("the file is too short to be a ZIP archive") }
        var position = latest
        while position >= earliest {
            if tail.uint32(at: position) == endSignature,
               let commentLength = tail.uint16(at: position + 20), position + endRecordLength + commentLength <= fileSize {
                return try endRecord(at: position, in: tail)
            }
            position -= 1
        }
        throw ZipFormatError("the file is not a ZIP archive (no end of central directory record)")
    }

    private static func endRecord(at position: Int, in tail: ByteWindow) throws -> EndSearch {
        guard let count = tail.uint16(at: position + 10), let size = tail.uint32(at: position + 12),
              let offset = tail.uint32(at: position + 16) else { throw ZipFormatError("the end record is cut short") }
        let locator = position - 20
        if tail.uint32(at: locator) == zip64LocatorSignature {
            guard let recordOffset = tail.uint64(at: locator + 8) else { throw ZipFormatError("the ZIP64 locator is cut short") }
            return .zip64Record(at: recordOffset)
        }
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            throw ZipFormatError("the end record overflows but there is no ZIP64 locator")
        }
        return .found(End(entryCount: count, directoryOffset: Int(offset), directorySize: Int(size)))
    }

    /// Reads the ZIP64 end record at `offset`.
    static func zip64End(at offset: Int, in window: ByteWindow) throws -> End {
        guard window.uint32(at: offset) == zip64EndSignature else {
            throw ZipFormatError("the ZIP64 locator points at no ZIP64 end record")
        }
        guard let count = window.uint64(at: offset + 32), let size = window.uint64(at: offset + 40),
              let directory = window.uint64(at: offset + 48) else { throw ZipFormatError("the ZIP64 end record is cut short") }
        return End(entryCount: count, directoryOffset: directory, directorySize: size)
    }

    /// Every entry of the central directory held in `window` at `end`'s offset.
    static func entries(_ end: End, in window: ByteWindow) throws -> [Entry] {
        var entries: [Entry] = []
        var position = end.directoryOffset
        let limit = end.directoryOffset + end.directorySize
        while position < limit {
            guard window.uint32(at: position) == centralSignature else {
                throw ZipFormatError("the central directory is damaged (bad entry signature at byte \(position))")
            }
            guard let flags = window.uint16(at: position + 8), let method = window.uint16(at: position + 10),
                  let crc = window.uint32(at: position + 16), let compressed = window.uint32(at: position + 20),
                  let uncompressed = window.uint32(at: position + 24), let nameLength = window.uint16(at: position + 28),
                  let extraLength = window.uint16(at: position + 30), let commentLength = window.uint16(at: position + 32),
                  let local = window.uint32(at: position + 42),
                  let nameBytes = window.slice(position + 46..<position + 46 + nameLength),
                  let extra = window.slice(position + 46 + nameLength..<position + 46 + nameLength + extraLength)
            else { throw ZipFormatError("the central directory is cut short") }
            var entry = Entry(name: String(decoding: nameBytes, as: UTF8.self), flags: flags, method: method, crc32: UInt32(crc),
                              compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: local,
                              extraLength: extraLength)
            try applyZip64Extra(ByteWindow(offset: 0, bytes: Array(extra)), to: &entry)
            entries.append(entry)
            position += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    /// ZIP64's extra field (id 1) carries, in order, whichever of the sizes and the offset overflow.
    private static func applyZip64Extra(_ extra: ByteWindow, to entry: inout Entry) throws {
        var position = 0
        while let id = extra.uint16(at: position), let length = extra.uint16(at: position + 2) {
            if id == 1 {
                var field = position + 4
                func next() throws -> Int {
                    guard field + 8 <= position + 4 + length, let value = extra.uint64(at: field) else {
                        throw ZipFormatError("the ZIP64 extra field of \(entry.name) is cut short")
                    }
                    field += 8
                    return value
                }
                if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = try next() }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
                return
            }
            position += 4 + length
        }
    }

    /// The offset of `entry`'s data, read from its local header (whose extra field may differ
    /// in length from the central one).
    static func dataOffset(of entry: Entry, in window: ByteWindow) throws -> Int {
        let header = entry.localHeaderOffset
        guard window.uint32(at: header) == localSignature else {
            throw ZipFormatError("the local header of \(entry.name) is damaged")
        }
        guard let nameLength = window.uint16(at: header + 26), let extraLength = window.uint16(at: header + 28) else {
            throw ZipFormatError("the local header of \(entry.name) is cut short")
        }
        return header + localHeaderLength + nameLength + extraLength
    }

    /// The `<name>-<version>.dist-info/METADATA` entry at the top level; with several
    /// `.dist-info` folders, the one named after `project`.
    static func metadataEntry(in entries: [Entry], project: String) -> Entry? {
        let candidates = entries.filter { entry in
            let parts = entry.name.split(separator: "/", omittingEmptySubsequences: false)
            return parts.count == 2 && parts[0].hasSuffix(".dist-info") && parts[1] == "METADATA"
        }
        guard candidates.count > 1 else { return candidates.first }
        return candidates.first { entry in
            let folder = entry.name.prefix { $0 != "/" }
            let name = folder.split(separator: "-").first.map(String.init) ?? ""
            return PackageName.canonicalize(name) == PackageName.canonicalize(project)
        } ?? candidates.first
    }
}

/// A ZIP archive that cannot be read as one.
struct ZipFormatError: Error, CustomStringConvertible, Equatable {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Bytes of a file known from one range: `bytes[0]` is the file's byte `offset`. Reads by file
/// offset, little-endian, and answer nil outside the window.
struct ByteWindow {
    var offset: Int
    var bytes: [UInt8]

    var end: Int { offset + bytes.count }

    func contains(_ range: Range<Int>) -> Bool { range.lowerBound >= offset && range.upperBound <= end }

    func slice(_ range: Range<Int>) -> ArraySlice<UInt8>? {
        guard contains(range) else { return nil }
        return bytes[(range.lowerBound - offset)..<(range.upperBound - offset)]
    }

    private func littleEndian(at position: Int, count: Int) -> UInt64? {
        guard let slice = slice(position..<position + count) else { return nil }
        var value: UInt64 = 0
        for byte in slice.reversed() { value = value << 8 | UInt64(byte) }
        return value
    }

    func uint16(at position: Int) -> Int? { littleEndian(at: position, count: 2).map { Int($0) } }
    func uint32(at position: Int) -> Int? { littleEndian(at: position, count: 4).map { Int($0) } }
    /// A 64-bit value that must fit an `Int` and not be negative (offsets and sizes).
    func uint64(at position: Int) -> Int? {
        littleEndian(at: position, count: 8).flatMap { $0 <= UInt64(Int.max / 2) ? Int($0) : nil }
    }
}
