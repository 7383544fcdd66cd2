import PythonPackaging

/// Reads lockfiles of every supported kind. Pure over the file's text.
public enum LockfileParser {
    /// Reads the lockfile at `path` (as the user would type it), detecting its kind from the file
    /// name, or from the content when the name says nothing (`LockfileKind.sniff`).
    ///
    /// `projectNames` are the names of the project the lock belongs to: Poetry and PDM do not lock
    /// the root project, so edges to it are not reported as missing (see `projectNames(besideLockfile:reader:)`).
    public static func parse(path: String, text: String, projectNames: Set<String> = []) -> LockfileReading {
        parse(path: path, text: text, kind: LockfileKind.detect(fileName: path) ?? LockfileKind.sniff(text: text),
              projectNames: projectNames)
    }

    /// Reads the lockfile at `path` as `parse(path:text:)` does, taking the project's name from the
    /// `pyproject.toml` next to it when `reader` has one.
    public static func parse(path: String, text: String, reader: SourceFileReader) -> LockfileReading {
        parse(path: path, text: text, projectNames: LockfileProjectName.names(besideLockfile: path, reader: reader))
    }

    /// Reads `text` as a lockfile of the given kind.
    public static func parse(path: String, text: String, kind: LockfileKind, projectNames: Set<String> = []) -> LockfileReading {
        var reading = parseUnfiltered(path: path, text: text, kind: kind)
        let roots = Set(projectNames.map(PackageName.canonicalize))
        if !roots.isEmpty {
            reading.findings.removeAll { $0.rule == .lockMissingPackage && roots.contains($0.package ?? "") }
        }
        return reading
    }

    private static func parseUnfiltered(path: String, text: String, kind: LockfileKind) -> LockfileReading {
        switch kind {
        case .pipfile:
            return PipfileLockParser.parse(path: path, text: text)
        case .poetry, .uv, .pdm, .pylock:
            let root: LockTOMLTable
            switch TOMLDocumentReader.document(text) {
            case .success(let table): root = table
            case .failure(let error) where error.prescan != nil:
                let message = error.prescan == .tooDeep ? TOMLNestingCheck.message(file: path, line: error.line)
                    : TOMLNestingCheck.invalidMessage(file: path, line: error.line, kind: error.prescan!)
                return failed(path: path, kind: kind, line: error.line, message: message)
            case .failure(let error):
                return failed(path: path, kind: kind, line: error.line, message: "\(path) is not valid TOML: \(error.message).")
            }
            switch kind {
            case .poetry: return PoetryLockParser.parse(path: path, text: text, root: root)
            case .uv: return UVLockParser.parse(path: path, text: text, root: root)
            case .pdm: return PDMLockParser.parse(path: path, text: text, root: root)
            default: return PylockParser.parse(path: path, text: text, root: root)
            }
        }
    }

    /// A reading with one `parse-error` finding and no entries.
    static func failed(path: String, kind: LockfileKind, line: Int, message: String) -> LockfileReading {
        LockfileReading(path: path, kind: kind, findings: [Finding(
            rule: .parseError, location: SourceLocation(file: path, line: max(line, 1)), message: message)])
    }

    /// A reading with one `lock-unsupported` finding naming the version found and the ones supported.
    /// No entries: guessing at a format pinaudit does not know would give wrong pins.
    static func unsupported(path: String, kind: LockfileKind, found: String?, line: Int?) -> LockfileReading {
        let what = found.map { "declares format version \($0)" } ?? "declares no format version"
        return LockfileReading(path: path, kind: kind, formatVersion: found, findings: [Finding(
            rule: .lockUnsupported, location: SourceLocation(file: path, line: line ?? 1),
            message: "\(path) \(what); pinaudit reads \(kind.fileName) \(kind.supportedVersions). Its packages were not checked: update pinaudit or re-lock with a supported \(kind.toolName) version.")])
    }

    /// The leading number of a version text (`"2.1"` → 2, `"4.5.1"` → 4), nil when it has none.
    static func major(_ version: String) -> Int? {
        Int(version.prefix { $0.isNumber })
    }

    /// `sha256:<hex>` for a hash written as `algo:hex`, `algo=hex` or bare hex (taken as sha256).
    static func normalizedHash(_ text: String) -> String {
        if let colon = text.firstIndex(of: ":") {
            return text[..<colon].lowercased() + ":" + text[text.index(after: colon)...].lowercased()
        }
        if let equals = text.firstIndex(of: "=") {
            return text[..<equals].lowercased() + ":" + text[text.index(after: equals)...].lowercased()
        }
        return "sha256:" + text.lowercased()
    }
}
