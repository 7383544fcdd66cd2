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
        let document: Document
        do {
            document = try Document(text)
        } catch let error as JSONParseError {
            let (line, column) = error.position(in: text)
            return LockfileParser.failed(path: path, kind: .pipfile, line: line,
                                         message: "\(path) is not valid JSON: \(error.message) at line \(line), column \(column).")
        } catch {
            return LockfileParser.failed(path: path, kind: .pipfile, line: 1, message: "\(path) is not a JSON object.")
        }
        let root = document.root
        let specValue = root["_meta"]?["pipfile-spec"]
        let spec = specValue.flatMap(Self.integer)
        guard let spec, supportedSpecs.contains(spec) else {
            let found = specValue.map(Self.describe)
            return LockfileParser.unsupported(path: path, kind: .pipfile, found: found.map { "pipfile-spec \($0)" },
                                              line: LockfileLineIndex.firstLine(startingWith: "\"pipfile-spec\"", in: text))
        }
        var builder = LockfileBuilder(path: path, kind: .pipfile, formatVersion: String(spec))
        for key in document.entries {
            let section = key.section
            guard let entry = root[section]?[key.name]?.object else { continue }
            var version = entry["version"]?.string
            var url: String?
            var isLocal = false
            if let vcs = ["git", "hg", "svn", "bzr"].first(where: { entry[$0]?.string != nil }), let location = entry[vcs]?.string {
                let ref = entry["ref"]?.string
                url = "\(vcs)+\(location)" + (ref.map { "@" + $0 } ?? "")
                isLocal = ref != nil
            } else if let local = (entry["path"] ?? entry["file"])?.string {
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
            if let index = entry["index"]?.string { groups.append("index:\(index)") }
            builder.addPackage(name: key.name, version: version, markerText: entry["markers"]?.string,
                               extras: Self.strings(entry["extras"]),
                               hashes: Self.strings(entry["hashes"]).map(LockfileParser.normalizedHash),
                               line: key.line, url: url, editable: entry["editable"]?.bool ?? false,
                               isLocal: isLocal, groups: groups)
        }
        return builder.build()
    }

    /// `pipfile-spec` as a number: an integer, or the integral part of a decimal (`6.0` reads as 6),
    /// or a string of digits.
    static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .int(let number): return number
        case .decimal(let text): return Double(text).flatMap { $0.isFinite && abs($0) < 1e18 ? Int($0) : nil }
        case .string(let text): return Int(text)
        default: return nil
        }
    }

    /// A value as the message about an unsupported `pipfile-spec` names it.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .null: return "<null>"
        case .bool(let flag): return flag ? "true" : "false"
        case .decimal(let text): return Double(text).map { "\($0)" } ?? text
        default: return value.rendered(pretty: false)
        }
    }

    /// The strings of an array of strings; empty for anything else (an array with another value included).
    static func strings(_ value: JSONValue?) -> [String] {
        guard let array = value?.array else { return [] }
        let strings = array.compactMap(\.string)
        return strings.count == array.count ? strings : []
    }

    /// The document, and the entries of its `default` and `develop` sections with their lines, in
    /// document order.
    struct Document {
        struct Entry {
            var section: String
            var name: String
            var line: Int
        }

        var root: JSONValue
        var entries: [Entry] = []

        /// Throws `JSONParseError` for text that is not JSON, and `NotAnObject` for JSON of another kind.
        init(_ text: String) throws {
            let data = Data(text.utf8)
            guard text.utf8.first(where: { ![0x20, 0x0A, 0x0D, 0x09].contains($0) }) == UInt8(ascii: "{") else {
                _ = try JSONParser.parse(data)  // JSON of another kind, or not JSON: say which
                throw NotAnObject()
            }
            var found: [(section: String, name: String, offset: Int)] = []
            root = try JSONParser.read(data) { reader -> JSONValue in
                var object = JSONObject()
                try reader.readMembers { key, reader in
                    guard sections.contains(key), reader.peek() == UInt8(ascii: "{") else {
                        object.append(key, try reader.readValue())
                        return
                    }
                    var section = JSONObject()
                    try reader.readMembersWithOffsets { name, offset, reader in
                        found.append((key, name, offset))
                        section.append(name, try reader.readValue())
                    }
                    object.append(key, .object(section))
                }
                return .object(object)
            }
            let lines = JSONTextPosition.lines(ofAscending: found.map(\.offset), in: text)
            entries = zip(found, lines).map { Entry(section: $0.section, name: $0.name, line: $1) }
        }

        struct NotAnObject: Error {}
    }
}
