import Foundation
import PythonPackaging

/// Reads Pipenv's `Pipfile.lock` (JSON, pipfile-spec 6; 5 reads the same).
///
/// Extracts per entry of `default` and `develop`: name, `version` (`==x` → x; anything else is not
/// an exact version), `markers`, `extras`, `hashes`, and VCS (`git`/`hg`/... + `ref`), `path`/`file`
/// and `editable` sources. The section becomes the entry's group. The lock records no graph, and the
/// named `index` is kept only as the group `index:<name>` for the command layer.
enum PipfileLockParser {
    static let supportedSpecs = [5, 6]
    static let sections = ["default", "develop"]

    static func parse(path: String, text: String) -> LockfileReading {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            return LockfileParser.failed(path: path, kind: .pipfile, line: errorLine(error) ?? 1,
                                         message: "\(path) is not valid JSON: \(describe(error)).")
        }
        guard let root = object as? [String: Any] else {
            return LockfileParser.failed(path: path, kind: .pipfile, line: 1, message: "\(path) is not a JSON object.")
        }
        let meta = root["_meta"] as? [String: Any]
        let spec = (meta?["pipfile-spec"] as? NSNumber)?.intValue ?? (meta?["pipfile-spec"] as? String).flatMap { Int($0) }
        guard let spec, supportedSpecs.contains(spec) else {
            let found = meta?["pipfile-spec"].map { "\($0)" }
            return LockfileParser.unsupported(path: path, kind: .pipfile, found: found.map { "pipfile-spec \($0)" },
                                              line: LockfileLineIndex.firstLine(startingWith: "\"pipfile-spec\"", in: text))
        }
        var builder = LockfileBuilder(path: path, kind: .pipfile, formatVersion: String(spec))
        let keys = JSONKeyLineScanner.keys(in: text, maxDepth: 2)

        for key in keys where key.parents.count == 1 && sections.contains(key.parents[0]) {
            let section = key.parents[0]
            guard let entry = (root[section] as? [String: Any])?[key.name] as? [String: Any] else { continue }
            var version = entry["version"] as? String
            var url: String?
            var isLocal = false
            if let vcs = ["git", "hg", "svn", "bzr"].first(where: { entry[$0] is String }), let location = entry[vcs] as? String {
                let ref = entry["ref"] as? String
                url = "\(vcs)+\(location)" + (ref.map { "@" + $0 } ?? "")
                isLocal = ref != nil
            } else if let local = (entry["path"] ?? entry["file"]) as? String {
                url = local; isLocal = !local.contains("://")
            }
            if let text = version {
                let trimmed = text.trimmingWhitespace
                if trimmed.hasPrefix("==="), !trimmed.hasPrefix("====") {
                    version = String(trimmed.dropFirst(3))
                } else if trimmed.hasPrefix("=="), !trimmed.contains("*"), !trimmed.contains(",") {
                    version = String(trimmed.dropFirst(2))
                } else {
                    version = nil
                    builder.add(Finding(rule: .lockEntryUnpinned, package: PackageName.canonicalize(key.name),
                                        location: builder.location(key.line),
                                        message: "\(key.name) is locked as \"\(trimmed)\" in \(path), not one exact version: run `pipenv lock` again."))
                    isLocal = true  // reported just above; don't report twice
                }
            }
            var groups = [section]
            if let index = entry["index"] as? String { groups.append("index:\(index)") }
            builder.addPackage(name: key.name, version: version, markerText: entry["markers"] as? String,
                               extras: entry["extras"] as? [String] ?? [],
                               hashes: (entry["hashes"] as? [String] ?? []).map(LockfileParser.normalizedHash),
                               line: key.line, url: url, editable: entry["editable"] as? Bool ?? false,
                               isLocal: isLocal, groups: groups)
        }
        return builder.build()
    }

    private static func describe(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }

    /// Foundation's JSON errors name a line ("around line 3, column 5") on some platforms.
    private static func errorLine(_ error: Error) -> Int? {
        let text = describe(error)
        guard let range = text.range(of: "line ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }
}
