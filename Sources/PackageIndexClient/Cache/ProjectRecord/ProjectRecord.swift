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
///
/// This type holds the layout both sides share; `ProjectRecordWriter` writes a record,
/// `ProjectRecordReader` reads one (`ProjectRecordHeader` its header), and `ProjectRecordReleases`
/// decodes its releases lazily.
enum ProjectRecord {
    static let magic = "pinaudit-project"

    /// The header's members, in the order the writer writes them (the reader's fast path expects
    /// that order; its fallback takes them in any order).
    enum HeaderField: String {
        case index, fetchedAtMilliseconds, etag, lastModified, immutable, name, latestVersion, projectURLs
        case status, statusReason, pageURL, releases
    }

    /// Bytes per file on a digest line: a sha256 as hex digits.
    static let digestLength = 64
    /// The byte a digest line repeats `digestLength` times for a file without a digest.
    static let missingDigest = UInt8(ascii: "-")

    /// `entry.index` is the index URL (without credentials): the record keeps only a guard derived
    /// from it, and its URLs relative to the index's bases (`CacheURLCodec`).
    static func encode(_ entry: CacheEntry<ProjectFacts>) -> Data { ProjectRecordWriter.encode(entry) }

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
    static func read(path: String, index: String) -> Found { ProjectRecordReader.read(path: path, index: index) }

    /// A record of the index at `index` held whole in memory (as `encode` gives it).
    static func decode(_ data: Data, index: String) -> CacheEntry<ProjectFacts>? { ProjectRecordReader.decode(data, index: index) }
}
