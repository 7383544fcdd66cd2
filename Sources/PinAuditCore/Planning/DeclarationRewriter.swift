import PythonPackaging

/// Rewrites `==` pins in `pyproject.toml` and `Pipfile` texts, changing only the version inside the
/// string that declares the package: comments, formatting, quoting, inline tables and line endings
/// stay byte for byte. Pure text → text.
///
/// On the pin's line, the declaring string is a PEP 508 string naming the package (`"flask==2.0.1"`,
/// in an array or a Pipfile's `flask = "==2.0.1"`… under a key naming it), or a version string under a
/// key naming the package (Poetry's `flask = "2.0.1"` and `flask = {version = "2.0.1"}`).
public enum DeclarationRewriter {
    public static func rewrite(_ text: String, path: String, changes: [PinChange]) throws -> String {
        var result = text
        // From the end, so earlier offsets stay valid.
        for change in changes.sorted(by: { $0.line > $1.line }) {
            guard let range = versionRange(in: result, change: change) else {
                throw RequirementsRewriteError(path: path, line: change.line,
                    message: "expected a declaration of \(change.name) pinned with `==\(change.oldVersion)`; the file changed since it was read")
            }
            result.replaceSubrange(range, with: change.newVersion)
        }
        return result
    }

    /// Where the old version of `change` is written on its line.
    static func versionRange(in text: String, change: PinChange) -> Range<String.Index>? {
        guard let line = lineRange(change.line, in: text) else { return nil }
        let content = text[line]
        let keyNamesPackage = leadingKey(content).map { PackageName.canonicalize($0) == change.name } ?? false
        let old = Version.parse(change.oldVersion)
        for literal in literals(in: content) {
            let value = text[literal]
            // A PEP 508 string: the name, then `==OLD` in its specifier.
            let name = value.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            let namesPackage = !name.isEmpty && PackageName.canonicalize(String(name)) == change.name
            guard namesPackage || keyNamesPackage else { continue }
            var searchFrom = namesPackage ? value.index(value.startIndex, offsetBy: name.count) : value.startIndex
            while let equals = value[searchFrom...].range(of: "==") {
                var start = equals.upperBound
                if start < value.endIndex, value[start] == "=" { searchFrom = value.index(after: start); continue }  // `===`
                while start < value.endIndex, value[start] == " " { start = value.index(after: start) }
                let end = value[start...].firstIndex { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "!" || $0 == "+" || $0 == "-" || $0 == "_") }
                    ?? value.endIndex
                if let written = Version.parse(String(value[start..<end])), let old, written == old { return start..<end }
                searchFrom = equals.upperBound
            }
            // Poetry's bare version under the package's key (`flask = "2.0.1"`, `{version = "2.0.1"}`).
            if keyNamesPackage, let written = Version.parse(value.trimmingCharacters(in: .whitespaces)), let old, written == old {
                let start = value.firstIndex { $0 != " " } ?? value.startIndex
                let end = value.lastIndex { $0 != " " }.map { value.index(after: $0) } ?? value.endIndex
                return start..<end
            }
        }
        return nil
    }

    /// The 1-based line's range, without its line break (LF, CRLF or CR). Scalars, not characters:
    /// a CRLF pair is one character.
    static func lineRange(_ number: Int, in text: String) -> Range<String.Index>? {
        let scalars = text.unicodeScalars
        var current = 1
        var start = scalars.startIndex
        while current < number {
            guard let newline = scalars[start...].firstIndex(where: { $0 == "\n" || $0 == "\r" }) else { return nil }
            start = scalars.index(after: newline)
            if scalars[newline] == "\r", start < scalars.endIndex, scalars[start] == "\n" { start = scalars.index(after: start) }
            current += 1
        }
        let end = scalars[start...].firstIndex { $0 == "\n" || $0 == "\r" } ?? scalars.endIndex
        return start..<end
    }

    /// A line's leading bare or quoted key (`flask = …`), if it has one.
    static func leadingKey(_ line: Substring) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let equals = trimmed.firstIndex(of: "=") else { return nil }
        var key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
        if key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first { key = String(key.dropFirst().dropLast()) }
        return key.isEmpty || key.contains(" ") ? nil : key
    }

    /// The contents (without quotes) of the one-line string literals on a line, outside comments.
    static func literals(in line: Substring) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "#" { break }
            if character == "\"" || character == "'" {
                let start = line.index(after: index)
                var end = start
                while end < line.endIndex, line[end] != character {
                    if character == "\"", line[end] == "\\" { end = line.index(after: end); if end == line.endIndex { break } }
                    end = line.index(after: end)
                }
                ranges.append(start..<min(end, line.endIndex))
                index = end < line.endIndex ? line.index(after: end) : end
                continue
            }
            index = line.index(after: index)
        }
        return ranges
    }
}

extension FileEdit {
    /// `text` with this edit applied, by the rewriter for the file's kind.
    public func rewrite(_ text: String) throws -> String {
        if DeclarationFile.Kind.detect(fileName: path) != nil {
            return try DeclarationRewriter.rewrite(text, path: path, changes: changes)
        }
        return try RequirementsRewriter.rewrite(text, path: path, changes: changes, additions: additions)
    }
}
