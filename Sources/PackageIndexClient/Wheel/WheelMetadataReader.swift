import Foundation
import PinAuditCore

/// Reads `<name>.dist-info/METADATA` out of a wheel on the index with HTTP range requests, as
/// pip's "fast-deps" and uv do, for indexes that publish neither version documents nor core
/// metadata files.
///
/// The first request asks for the file's last 64 KiB, which holds the central directory of
/// most wheels and often METADATA itself (wheel builders write `.dist-info` last). Only what
/// the tail lacks is asked for next: the ZIP64 end record, the central directory, the member.
/// A server that ignores `Range` and sends the whole file is accepted up to the wheel-range limit
/// (`IndexLimits.maxWheelRangeBytes`, 20 MiB by default).
struct WheelMetadataReader: Sendable {
    let fetcher: IndexFetcher

    static let tailLength = 64 * 1024
    /// Tail, central directory and member. (The ZIP64 end record sits just before the tail's
    /// end record, so it is in the tail unless the archive comment is huge.)
    static let maxRequests = 3
    /// Extra bytes asked for after a member's local header, whose extra field the central
    /// directory does not describe.
    static let localHeaderSlack = 1024

    /// The METADATA text of the wheel at `url` (credentials already lent).
    func metadata(url: String, project: String) async -> Result<String, WheelMetadataError> {
        var session = Session(fetcher: fetcher, url: url)
        do {
            return .success(try await session.readMetadata(project: project))
        } catch let error as WheelMetadataError {
            return .failure(error)
        } catch let error as ZipFormatError {
            return .failure(.unreadable(error.description))
        } catch {
            return .failure(.unreadable("\(error)"))
        }
    }

    /// The windows of one wheel fetched so far.
    private struct Session {
        let fetcher: IndexFetcher
        let url: String
        var windows: [ByteWindow] = []
        var requests = 0
        var fileSize = 0

        mutating func readMetadata(project: String) async throws -> String {
            let tail = try await fetchTail()
            let end: ZipDirectory.End
            switch try ZipDirectory.findEnd(in: tail, fileSize: fileSize) {
            case .found(let found):
                end = found
            case .zip64Record(let offset):
                guard offset >= 0, offset + ZipDirectory.zip64EndRecordLength <= fileSize else {
                    throw ZipFormatError("the ZIP64 locator points outside the file")
                }
                let window = try await window(covering: offset..<offset + ZipDirectory.zip64EndRecordLength)
                end = try ZipDirectory.zip64End(at: offset, in: window)
            }
            guard end.directorySize > 0 else { throw ZipFormatError("the archive is empty") }
            guard end.directoryOffset + end.directorySize <= fileSize else {
                throw ZipFormatError("the central directory lies outside the file")
            }
            let directoryRange = end.directoryOffset..<end.directoryOffset + end.directorySize
            let entries = try ZipDirectory.entries(end, in: try await window(covering: directoryRange))
            guard let entry = ZipDirectory.metadataEntry(in: entries, project: project) else {
                throw WheelMetadataError.unreadable("the wheel has no .dist-info/METADATA file")
            }
            guard entry.compressedSize <= ZipMemberDecoder.maxUncompressedBytes else {
                throw ZipFormatError("\(entry.name) is larger than \(ZipMemberDecoder.maxUncompressedBytes) bytes")
            }
            let header = entry.localHeaderOffset
            let headerEnd = header + ZipDirectory.localHeaderLength
            guard header >= 0, headerEnd <= fileSize else {
                throw ZipFormatError("the local header of \(entry.name) lies outside the file")
            }
            // Ask for the header and the data at once, guessing the local extra field's length.
            let guess = headerEnd + entry.name.utf8.count + entry.extraLength + entry.compressedSize
                + WheelMetadataReader.localHeaderSlack
            let headerWindow = try await window(covering: header..<headerEnd, asking: header..<min(fileSize, guess))
            let dataStart = try ZipDirectory.dataOffset(of: entry, in: headerWindow)
            let dataRange = dataStart..<dataStart + entry.compressedSize
            guard dataRange.upperBound <= fileSize else { throw ZipFormatError("\(entry.name) runs past the end of the file") }
            guard let stored = try await window(covering: dataRange).slice(dataRange) else {
                throw ZipFormatError("\(entry.name) could not be located")
            }
            let content = try ZipMemberDecoder.content(of: entry, stored: stored)
            return String(decoding: content, as: UTF8.self)
        }

        /// A window holding `range`: one already fetched, or a new request for `asking` (by
        /// default `range` itself).
        private mutating func window(covering range: Range<Int>, asking: Range<Int>? = nil) async throws -> ByteWindow {
            if let held = windows.first(where: { $0.contains(range) }) { return held }
            if range.isEmpty { return ByteWindow(offset: range.lowerBound, bytes: []) }
            let asked = asking ?? range
            let window = try await fetch(.span(first: asked.lowerBound, last: asked.upperBound - 1))
            guard window.contains(range) else {
                throw WheelMetadataError.unreadable("the server sent other bytes than the range asked for")
            }
            return window
        }

        private mutating func fetchTail() async throws -> ByteWindow {
            try await fetch(.suffix(WheelMetadataReader.tailLength))
        }

        private mutating func fetch(_ range: HTTPByteRange) async throws -> ByteWindow {
            guard requests < WheelMetadataReader.maxRequests else {
                throw WheelMetadataError.unreadable("reading METADATA would take more than \(WheelMetadataReader.maxRequests) range requests")
            }
            requests += 1
            let request = HTTPRequest(url: url, byteRange: range, maxResponseBytes: fetcher.limits.maxWheelRangeBytes,
                                      priority: .small)
            let response: HTTPResponse
            switch await fetcher.fetchBytes(request) {
            case .success(let answer): response = answer
            case .failure(let failure): throw WheelMetadataError.index(failure)
            }
            let bytes = [UInt8](response.body)
            let window: ByteWindow
            if response.status == 206 {
                guard let contentRange = response.contentRange else {
                    throw WheelMetadataError.unreadable("the server answered a range request without a usable Content-Range")
                }
                guard contentRange.last - contentRange.first + 1 == bytes.count else {
                    throw WheelMetadataError.unreadable("the server sent \(bytes.count) bytes for \(contentRange.first)-\(contentRange.last)")
                }
                if requests == 1 {
                    guard let total = contentRange.total else {
                        throw WheelMetadataError.unreadable("the server did not say how long the wheel is")
                    }
                    fileSize = total
                }
                window = ByteWindow(offset: contentRange.first, bytes: bytes)
            } else {
                // The server ignored Range and sent the whole file (within the size limit).
                if requests == 1 { fileSize = bytes.count }
                guard bytes.count == fileSize else { throw WheelMetadataError.unreadable("the wheel changed size between requests") }
                window = ByteWindow(offset: 0, bytes: bytes)
            }
            windows.append(window)
            return window
        }
    }
}

/// Why a wheel's METADATA could not be read.
enum WheelMetadataError: Error, CustomStringConvertible, Equatable {
    /// The index did not answer (or the wheel is missing: `.notFound`).
    case index(IndexFailure)
    /// The bytes arrived but do not lead to a METADATA file.
    case unreadable(String)

    var description: String {
        switch self {
        case .index(let failure): failure.description
        case .unreadable(let reason): reason
        }
    }
}
