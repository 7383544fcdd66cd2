import CLibCrypto
import Foundation
import PythonPackaging

/// Whether a lock was made from the declarations beside it, where the lock records its input:
/// `Pipfile.lock`'s `_meta.hash` (sha256 of the Pipfile's content, as Pipenv computes it) and
/// `uv.lock`'s `[package.metadata] requires-dist` and `requires-dev` of the project. Poetry's
/// `content-hash` depends on the Poetry version that wrote it and is not checked.
public enum LockInputCheck {
    /// What the lock says of its input, compared with the declarations: nil when they agree or the
    /// lock records nothing pinaudit can compare.
    public enum Verdict: Equatable, Sendable {
        case madeFromOtherDeclarations(detail: String)
    }

    public static func verdict(declarations file: DeclarationFile, declarationText: String, lockPath: String, lockText: String) -> Verdict? {
        switch (file.kind, (lockPath as NSString).lastPathComponent) {
        case (.pipfile, "Pipfile.lock"): return pipfile(declarationText, lockText: lockText)
        case (.pyproject, "uv.lock"): return uv(file, lockText: lockText)
        default: return nil
        }
    }

    // MARK: Pipfile.lock

    static func pipfile(_ pipfileText: String, lockText: String) -> Verdict? {
        guard let lock = try? JSONParser.parse(Data(lockText.utf8)), let recorded = lock["_meta"]?["hash"]?["sha256"]?.string,
              let computed = pipfileHash(pipfileText) else { return nil }
        if recorded.lowercased() == computed { return nil }
        return .madeFromOtherDeclarations(detail: "its `_meta` hash is \(recorded.prefix(12))…, the Pipfile's content hashes to \(computed.prefix(12))…")
    }

    /// Pipenv's hash of a Pipfile: sha256 of the JSON (keys sorted, no blanks, ASCII only) of
    /// `{"_meta": {"sources", "requires"}, "default": packages, "develop": dev-packages, …categories}`.
    static func pipfileHash(_ text: String) -> String? {
        guard case .success(let root) = TOMLDocumentReader.document(text) else { return nil }
        var data: [(String, LockTOMLValue)] = []
        let meta = LockTOMLTable()
        meta.set("sources", root["source"] ?? .array([]))
        meta.set("requires", root["requires"] ?? .table(LockTOMLTable()))
        data.append(("_meta", .table(meta)))
        data.append(("default", root["packages"] ?? .table(LockTOMLTable())))
        data.append(("develop", root["dev-packages"] ?? .table(LockTOMLTable())))
        for key in root.keys where !["source", "requires", "packages", "dev-packages", "pipenv", "scripts", "default", "develop"].contains(key) {
            if let value = root[key] { data.append((key, value)) }
        }
        let document = LockTOMLTable()
        for (key, value) in data { document.set(key, value) }
        var json = ""
        pythonJSON(.table(document), into: &json)
        let bytes = Array(json.utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = bytes.withUnsafeBufferPointer { SHA256($0.baseAddress, $0.count, &digest) }
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    /// `json.dumps(value, sort_keys=True, separators=(",", ":"))` as Python writes it (ASCII only).
    static func pythonJSON(_ value: LockTOMLValue, into out: inout String) {
        switch value {
        case .string(let text): pythonString(text, into: &out)
        case .scalar(let text): out += text
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                pythonJSON(item, into: &out)
            }
            out += "]"
        case .table(let table):
            out += "{"
            let keys = table.keys.sorted { $0.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out += "," }
                pythonString(key, into: &out)
                out += ":"
                pythonJSON(table[key]!, into: &out)
            }
            out += "}"
        }
    }

    static func pythonString(_ text: String, into out: inout String) {
        out += "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(unit)!)
            default: out += String(format: "\\u%04x", unit)
            }
        }
        out += "\""
    }

    // MARK: uv.lock

    static func uv(_ file: DeclarationFile, lockText: String) -> Verdict? {
        guard case .success(let root) = TOMLDocumentReader.document(lockText) else { return nil }
        let projects = file.projectNames
        guard let package = root.tables("package").first(where: { projects.contains(PackageName.canonicalize($0.string("name") ?? "")) }),
              let metadata = package.table("metadata") else { return nil }
        func key(_ name: String, _ specifier: String?) -> String {
            let normalized = (try? SpecifierSet(specifier ?? ""))?.normalizedDescription ?? (specifier ?? "")
            return PackageName.canonicalize(name) + normalized
        }
        var recorded: [String] = metadata.tables("requires-dist").compactMap { entry in
            entry.string("name").map { key($0, entry.string("specifier")) }
        }
        if let groups = metadata.table("requires-dev") {
            for group in groups.keys {
                recorded += groups.tables(group).compactMap { entry in entry.string("name").map { key($0, entry.string("specifier")) } }
            }
        }
        let declared = file.dependencies.filter { !projects.contains($0.canonicalName ?? "") }.compactMap { entry in
            entry.name.map { key($0, entry.url == nil ? entry.specifier.description : nil) }
        }
        let added = Set(declared).subtracting(recorded), removed = Set(recorded).subtracting(declared)
        if added.isEmpty && removed.isEmpty { return nil }
        var parts: [String] = []
        if !added.isEmpty { parts.append("declared now but not when locked: " + added.sorted().map { "`\($0)`" }.joined(separator: ", ")) }
        if !removed.isEmpty { parts.append("recorded by the lock but no longer declared: " + removed.sorted().map { "`\($0)`" }.joined(separator: ", ")) }
        return .madeFromOtherDeclarations(detail: parts.joined(separator: "; "))
    }
}
