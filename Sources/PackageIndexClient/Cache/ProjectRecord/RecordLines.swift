import Foundation
import PinAuditCore

/// Where a record's file lines are read from.
protocol RecordLines: Sendable {
    /// The files on the line at `range` (offsets from the start of the record) of the release
    /// keyed `version`; nil when there is no such line.
    func line(_ range: Range<Int>, ofRelease version: String) -> [ReleaseFile]?
    /// The digests on the digest line at `range`; nil when there is no such line.
    func digests(_ range: Range<Int>, ofRelease version: String) -> [SHA256Digest?]?
}

/// A record in memory.
struct InMemoryRecordLines: RecordLines {
    let data: Data
    let urls: CacheURLCodec
    func line(_ range: Range<Int>, ofRelease version: String) -> [ReleaseFile]? {
        let start = data.startIndex + range.lowerBound
        guard start + range.count <= data.endIndex else { return nil }
        return ProjectRecordReader.decodeFiles(data[start..<(start + range.count)], urls: urls)
    }

    func digests(_ range: Range<Int>, ofRelease version: String) -> [SHA256Digest?]? {
        let start = data.startIndex + range.lowerBound
        guard start + range.count <= data.endIndex else { return nil }
        return ProjectRecordReader.decodeDigests(data[start..<(start + range.count)])
    }
}
