import Foundation
import PinAuditCore

/// Writes a project's facts as a record in the layout `ProjectRecord` describes.
enum ProjectRecordWriter {
    private typealias Field = ProjectRecord.HeaderField

    /// `entry.index` is the index URL (without credentials): the record keeps only a guard derived
    /// from it, and its URLs relative to the index's bases (`CacheURLCodec`).
    static func encode(_ entry: CacheEntry<ProjectFacts>) -> Data {
        let facts = entry.value
        let urls = CacheURLCodec(indexURL: entry.index)
        let header = PinAuditCore.JSONValue.object([
            (Field.index.rawValue, .string(IndexCache.indexGuard(entry.index))),
            (Field.fetchedAtMilliseconds.rawValue, .int(Int((entry.fetchedAt * 1000).rounded()))),
            (Field.etag.rawValue, .optional(entry.etag)),
            (Field.lastModified.rawValue, .optional(entry.lastModified)),
            (Field.immutable.rawValue, .bool(entry.immutable)),
            (Field.name.rawValue, .string(facts.name)),
            (Field.latestVersion.rawValue, .optional(facts.latestVersion)),
            (Field.projectURLs.rawValue,
             .object(facts.projectURLs.sorted { $0.key < $1.key }.map { ($0.key, .string(urls.encode($0.value))) })),
            (Field.status.rawValue, .optional(facts.status)),
            (Field.statusReason.rawValue, .optional(facts.statusReason)),
            (Field.pageURL.rawValue, .optional(urls.encode(facts.pageURL))),
            (Field.releases.rawValue, .int(facts.releases.count)),
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
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ProjectRecord.digestLength) { hex in
                for file in release.files {
                    if let digest = file.sha256Digest {
                        digest.writeHex(into: hex)
                        lines.raw(bytes: hex)
                    } else {
                        lines.raw(bytes: repeatElement(ProjectRecord.missingDigest, count: ProjectRecord.digestLength))
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
        data.append(contentsOf: "\(ProjectRecord.magic) \(entry.format) \(prefixLength)\n".utf8)
        data.append(contentsOf: header.utf8)
        data.append(UInt8(ascii: "\n"))
        data.append(contentsOf: order.bytes)
        data.append(UInt8(ascii: "\n"))
        data.append(contentsOf: rows.bytes)
        data.append(contentsOf: lines.bytes)
        return data
    }
}
