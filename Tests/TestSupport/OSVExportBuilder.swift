import Foundation

/// OSV advisories and exports (a ZIP of `<id>.json` files, as OSV's `PyPI/all.zip`) for tests.
public enum OSVExportBuilder {
    /// One OSV advisory of one PyPI package. `events` are ECOSYSTEM range events such as
    /// `["introduced": "0"]`, `["fixed": "2.0"]`; `ranges` adds more ranges of events.
    public static func advisory(id: String, aliases: [String] = [], package: String, versions: [String] = [],
                                events: [[String: String]] = [], ranges: [[[String: String]]] = [], withdrawn: String? = nil,
                                summary: String = "A flaw", modified: String = "2024-10-01T00:00:00Z",
                                databaseSpecific: [String: Any]? = nil) -> String {
        var allRanges: [[String: Any]] = []
        for list in (events.isEmpty ? [] : [events]) + ranges {
            allRanges.append(["type": "ECOSYSTEM", "events": list])
        }
        // A GIT range, which must not count for PyPI versions.
        allRanges.append(["type": "GIT", "repo": "https://git.example/\(package)", "events": [["introduced": "0"], ["fixed": "abc123"]]])
        var document: [String: Any] = [
            "id": id, "aliases": aliases, "summary": summary, "modified": modified,
            "affected": [["package": ["name": package, "ecosystem": "PyPI"], "versions": versions, "ranges": allRanges]],
            "references": [["type": "ADVISORY", "url": "https://advisories.example/\(id)"]],
        ]
        if let withdrawn { document["withdrawn"] = withdrawn }
        if let databaseSpecific { document["database_specific"] = databaseSpecific }
        return String(decoding: try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
    }

    /// A ZIP of the documents, each stored as `<id>.json` (the key is the id).
    public static func zip(_ documents: [String: String]) -> Data {
        var builder = ZipArchiveBuilder()
        for (id, json) in documents.sorted(by: { $0.key < $1.key }) { builder.add("\(id).json", text: json) }
        return builder.build()
    }
}
