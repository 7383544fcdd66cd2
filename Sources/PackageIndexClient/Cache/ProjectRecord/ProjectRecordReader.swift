import Foundation
import PinAuditCore

/// Reads a record in the layout `ProjectRecord` describes: its prefix (magic line, header, order,
/// rows) at once, its file and digest lines when a release's files are asked for.
enum ProjectRecordReader {
    /// The record at `path` of the index at `index` (its URL without credentials), reading its
    /// prefix only. A record written for another index reads as damaged.
    static func read(path: String, index: String) -> ProjectRecord.Found {
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
        return decode(prefix, magicLine: magicLine, magicEnd: magicEnd, index: index, lines: file).map(ProjectRecord.Found.record) ?? .damaged
    }

    /// A record of the index at `index` held whole in memory (as `ProjectRecordWriter.encode` gives it).
    static func decode(_ data: Data, index: String) -> CacheEntry<ProjectFacts>? {
        guard let magicEnd = newline(in: data, from: data.startIndex), let magicLine = MagicLine(data[data.startIndex..<magicEnd]),
              data.count >= magicEnd + 1 - data.startIndex + magicLine.prefixLength else { return nil }
        return decode(data[data.startIndex..<(magicEnd + 1 + magicLine.prefixLength)], magicLine: magicLine, magicEnd: magicEnd,
                      index: index, lines: InMemoryRecordLines(data: data, urls: CacheURLCodec(indexURL: index)))
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
              let header = try? ProjectRecordHeader(prefix[(magicEnd + 1)..<headerEnd]), header.index == IndexCache.indexGuard(index),
              let order = try? positions(prefix[(headerEnd + 1)..<orderEnd], below: header.releaseCount) else { return nil }
        // One row line per release; the file lines start where the prefix ends.
        guard let rowStarts = lineStarts(in: prefix, from: orderEnd + 1, count: header.releaseCount) else { return nil }
        let source = ProjectRecordReleases(prefix: prefix, rowStarts: rowStarts, filesStart: prefix.endIndex - prefix.startIndex,
                                           lines: lines)
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
    static func readBytes(_ descriptor: Int32, at offset: Int, count: Int) -> Data? {
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

    /// One release's digest line: `ProjectRecord.digestLength` hex digits per file,
    /// `ProjectRecord.missingDigest` repeated as many times where a file has none. A damaged line
    /// reads as no digests.
    static func decodeDigests(_ line: Data) -> [SHA256Digest?] {
        let width = ProjectRecord.digestLength
        guard line.count % width == 0 else { return [] }
        return line.withUnsafeBytes { raw in
            stride(from: 0, to: raw.count, by: width).map { offset in
                raw[offset] == ProjectRecord.missingDigest
                    ? nil : SHA256Digest(hexDigits: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + width)]))
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
