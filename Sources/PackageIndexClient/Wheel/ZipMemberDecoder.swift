import CZlibShim

/// Turns a ZIP member's stored bytes into its content: method 0 (stored) as is, method 8
/// (deflate) through zlib's raw inflate; then checks the size and the CRC-32.
enum ZipMemberDecoder {
    /// Larger members are refused rather than inflated (a METADATA file is a few KiB).
    static let maxUncompressedBytes = 16 << 20

    static func content(of entry: ZipDirectory.Entry, stored: ArraySlice<UInt8>, limit: Int = maxUncompressedBytes) throws -> [UInt8] {
        if entry.flags & 1 != 0 { throw ZipFormatError("\(entry.name) is encrypted") }
        guard entry.uncompressedSize <= limit else {
            throw ZipFormatError("\(entry.name) is larger than \(limit) bytes")
        }
        let content: [UInt8]
        switch entry.method {
        case 0:
            content = Array(stored)
        case 8:
            content = try inflate(stored, expected: entry.uncompressedSize, name: entry.name)
        default:
            throw ZipFormatError("\(entry.name) uses compression method \(entry.method), not stored or deflate")
        }
        guard content.count == entry.uncompressedSize else {
            throw ZipFormatError("\(entry.name) has \(content.count) bytes, not the \(entry.uncompressedSize) its entry says")
        }
        let checksum = content.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: pinaudit_crc32($0.baseAddress, $0.count)) }
        guard checksum == entry.crc32 else { throw ZipFormatError("\(entry.name) fails its CRC-32 check") }
        return content
    }

    private static func inflate(_ stored: ArraySlice<UInt8>, expected: Int, name: String) throws -> [UInt8] {
        // One spare byte tells "exactly the expected size" from "more than expected".
        var output = [UInt8](repeating: 0, count: expected + 1)
        var produced = 0
        let status = stored.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                pinaudit_inflate_raw(input.baseAddress, input.count, out.baseAddress, out.count, &produced)
            }
        }
        guard status == Z_STREAM_END else {
            throw ZipFormatError("\(name) does not inflate (zlib error \(status))")
        }
        return Array(output[..<produced])
    }
}
