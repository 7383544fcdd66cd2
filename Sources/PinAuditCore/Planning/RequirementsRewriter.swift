import PythonPackaging

/// One pin to move in a requirements file.
public struct PinChange: Hashable, Sendable {
    /// 1-based line where the requirement starts (`RequirementEntry.location.line`).
    public var line: Int
    /// Canonical name; the line must name this package.
    public var name: String
    /// The version the file pins now (`==OLD`, compared as PEP 440 versions).
    public var oldVersion: String
    public var newVersion: String
    /// `sha256:<hex>` of every file of the new version. Written only when the pin already has `--hash` options.
    public var hashes: [String]

    public init(line: Int, name: String, oldVersion: String, newVersion: String, hashes: [String] = []) {
        self.line = line; self.name = name; self.oldVersion = oldVersion; self.newVersion = newVersion; self.hashes = hashes
    }
}

/// A package to add to a requirements file, with the comment that says why.
public struct PinAddition: Hashable, Sendable {
    /// The name as written in the new line (the index's spelling).
    public var name: String
    public var version: String
    /// Written only when the file already uses `--hash` (pip's hash-checking mode needs them then).
    public var hashes: [String]
    /// Text after `# added by pinaudit: ` (e.g. `required by boto3==1.34.0`).
    public var why: String

    public init(name: String, version: String, hashes: [String] = [], why: String) {
        self.name = name; self.version = version; self.hashes = hashes; self.why = why
    }
}

/// A change the rewriter cannot make safely: the file no longer says what the plan read.
public struct RequirementsRewriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String
    public var description: String { "cannot update \(path):\(line): \(message)" }
}

/// Rewrites pins in the text of a requirements file, changing nothing else: comments, order,
/// spacing, markers, extras, line endings (CRLF stays CRLF) and a missing final newline are kept
/// byte for byte. Pure text → text.
public enum RequirementsRewriter {
    /// Moves each changed pin to its new version (replacing its `--hash` options when it has some,
    /// in the same continuation style) and adds the new packages: in sorted position when the
    /// file's requirements are sorted by name, else at the end, each after a comment line.
    public static func rewrite(_ text: String, path: String, changes: [PinChange], additions: [PinAddition] = []) throws -> String {
        let doc = PhysicalLines(text)
        var edits: [PhysicalLines.Edit] = []
        for change in changes.sorted(by: { $0.line < $1.line }) {
            edits += try edit(for: change, in: doc, path: path)
        }
        edits += insertions(additions, in: doc, text: text)
        return doc.applying(edits)
    }

    // MARK: Changing a pin

    static func edit(for change: PinChange, in doc: PhysicalLines, path: String) throws -> [PhysicalLines.Edit] {
        func fail(_ message: String) -> RequirementsRewriteError { RequirementsRewriteError(path: path, line: change.line, message: message) }
        guard let first = doc.index(ofLine: change.line) else { throw fail("the file has no such line") }
        let extent = doc.logicalExtent(from: first)
        let s = doc.scalars

        // The requirement must name the package.
        var i = doc.lines[first].start
        while i < doc.lines[first].contentEnd, s[i] == " " || s[i] == "\t" { i += 1 }
        var nameEnd = i
        while nameEnd < doc.lines[first].contentEnd, isNameScalar(s[nameEnd]) { nameEnd += 1 }
        let written = String(String.UnicodeScalarView(s[i..<nameEnd]))
        guard !written.isEmpty, PackageName.canonicalize(written) == change.name else {
            throw fail("expected a requirement for \(change.name), found `\(doc.content(first))`")
        }

        // The `==OLD` clause (not `===`, not inside a quoted marker value).
        let old = Version.parse(change.oldVersion)
        var versionRanges: [Range<Int>] = []
        for line in extent {
            let end = doc.contentEndWithoutComment(line)
            var j = doc.lines[line].start
            while j + 1 < end {
                defer { j += 1 }
                guard s[j] == "=", s[j + 1] == "=" else { continue }
                if j + 2 < end, s[j + 2] == "=" { j += 2; continue }
                if j > doc.lines[line].start, "=!<>~".unicodeScalars.contains(s[j - 1]) { continue }
                var k = j + 2
                while k < end, s[k] == " " || s[k] == "\t" { k += 1 }
                var tokenEnd = k
                while tokenEnd < end, isVersionScalar(s[tokenEnd]) { tokenEnd += 1 }
                let token = String(String.UnicodeScalarView(s[k..<tokenEnd]))
                if token == change.oldVersion || (old != nil && Version.parse(token) == old) { versionRanges.append(k..<tokenEnd) }
            }
        }
        guard versionRanges.count == 1, let versionRange = versionRanges.first else {
            throw fail(versionRanges.isEmpty ? "`\(change.name)==\(change.oldVersion)` is not on this line any more"
                                             : "the line pins `\(change.oldVersion)` more than once")
        }
        var edits = [PhysicalLines.Edit(range: versionRange, replacement: change.newVersion)]
        edits += try hashEdits(change, extent: extent, in: doc, fail: fail)
        return edits
    }

    /// Replaces the `--hash` options of a pin by the new ones, keeping their layout.
    static func hashEdits(_ change: PinChange, extent: [Int], in doc: PhysicalLines,
                          fail: (String) -> RequirementsRewriteError) throws -> [PhysicalLines.Edit] {
        let found = HashOptions.find(in: doc, lines: extent)
        guard let firstHash = found.first, let lastHash = found.last else { return [] }
        guard !change.hashes.isEmpty else {
            throw fail("the pin has --hash options but the index published no sha256 for \(change.name) \(change.newVersion)")
        }
        guard HashOptions.onlyHashesBetween(firstHash, lastHash, in: doc) else {
            throw fail("its --hash options are mixed with other options; update this pin by hand")
        }
        let style = HashOptions.Style(of: found, in: doc)
        var text = ""
        for (n, hash) in change.hashes.enumerated() {
            if n == 0 {
                text += (style.firstOnOwnLine ? style.indent : "") + style.spelling + hash
            } else if style.oneLine {
                text += " " + style.spelling + hash
            } else {
                text += style.continuation + style.lineEnding + style.indent + style.spelling + hash
            }
        }
        let start = style.firstOnOwnLine ? doc.lines[firstHash.line].start : firstHash.range.lowerBound
        return [PhysicalLines.Edit(range: start..<lastHash.range.upperBound, replacement: text)]
    }

    static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "." || c == "_" || c == "-"
    }

    static func isVersionScalar(_ c: Unicode.Scalar) -> Bool {
        isNameScalar(c) || c == "+" || c == "!" || c == "*"
    }
}
