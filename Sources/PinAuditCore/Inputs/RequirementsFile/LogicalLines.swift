/// The preprocessing pip applies to a requirements file before it parses any line
/// (`pip._internal.req.req_file.preprocess`): split lines the way Python's `str.splitlines` does,
/// join `\` continuations, drop comments and blank lines, expand `${VAR}`.
public enum LogicalLines {
    /// One logical line: its text and the 1-based number of the physical line it starts on.
    public struct Line: Equatable, Sendable {
        public var number: Int
        public var text: String
    }

    /// Runs the whole preprocessing over decoded text.
    public static func preprocess(_ text: String, environment: [String: String]) -> [Line] {
        let joined = joinContinuations(splitLines(text))
        var out: [Line] = []
        out.reserveCapacity(joined.count)
        for line in joined {
            if line.text.isEmpty { continue }
            let stripped = stripPythonWhitespace(removeComment(line.text))
            if stripped.isEmpty { continue }
            out.append(Line(number: line.number, text: expandVariables(stripped, environment: environment)))
        }
        return out
    }

    /// Python's `str.splitlines()`: breaks on \n, \r, \r\n, \v, \f, \x1c-\x1e, \x85, \u2028, \u2029.
    public static func splitLines(_ text: String) -> [Line] {
        var lines: [Line] = []
        let utf8 = text.utf8
        // Fast path: no byte that can belong to a rare line break (\v \f \x1c-\x1e, U+0085, U+2028, U+2029).
        if !utf8.contains(where: { $0 == 0x0B || $0 == 0x0C || (0x1C...0x1E).contains($0) || $0 == 0x85 || $0 == 0xA8 || $0 == 0xA9 }) {
            var number = 1
            var start = utf8.startIndex
            var i = start
            while i < utf8.endIndex {
                let b = utf8[i]
                if b == 0x0A || b == 0x0D {
                    lines.append(Line(number: number, text: String(text[start..<i])))
                    number += 1
                    var next = utf8.index(after: i)
                    if b == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                    start = next
                    i = next
                } else {
                    i = utf8.index(after: i)
                }
            }
            if start < utf8.endIndex { lines.append(Line(number: number, text: String(text[start...]))) }
            return lines
        }
        var current = String.UnicodeScalarView()
        var number = 1
        var pendingCR = false
        for scalar in text.unicodeScalars {
            if pendingCR {
                pendingCR = false
                if scalar == "\n" { continue }
            }
            switch scalar.value {
            case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029, 0x0D:
                lines.append(Line(number: number, text: String(current)))
                current = String.UnicodeScalarView()
                number += 1
                if scalar.value == 0x0D { pendingCR = true }
            default:
                current.append(scalar)
            }
        }
        if !current.isEmpty { lines.append(Line(number: number, text: String(current))) }
        return lines
    }

    /// pip's `join_lines`: a line ending in `\` (and not a comment line) continues on the next; the
    /// joined line keeps the first line's number. Backslashes at both ends of a continued piece are
    /// stripped, as pip's `line.strip("\\")` does.
    static func joinContinuations(_ lines: [Line]) -> [Line] {
        var out: [Line] = []
        var pieces: [String] = []
        var first = 0
        for line in lines {
            let isComment = startsWithComment(line.text)
            if !line.text.hasSuffix("\\") || isComment {
                let text = isComment ? " " + line.text : line.text
                if !pieces.isEmpty {
                    pieces.append(text)
                    out.append(Line(number: first, text: pieces.joined()))
                    pieces.removeAll()
                } else {
                    out.append(Line(number: line.number, text: text))
                }
            } else {
                if pieces.isEmpty { first = line.number }
                pieces.append(trimBackslashes(line.text))
            }
        }
        if !pieces.isEmpty { out.append(Line(number: first, text: pieces.joined())) }
        return out
    }

    /// `COMMENT_RE.match(line)`: the line starts with `#`, or with whitespace then `#`.
    static func startsWithComment(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            if scalar == "#" { return true }
            if !isPythonWhitespace(scalar) { return false }
        }
        return false
    }

    /// `COMMENT_RE.sub("", line)`: drops from the first `#` that starts the line or follows whitespace
    /// (and the whitespace before it) to the end.
    static func removeComment(_ text: String) -> String {
        let bytes = text.utf8
        guard let firstHash = bytes.firstIndex(of: UInt8(ascii: "#")) else { return text }
        if !bytes.contains(where: { $0 >= 0x80 }) {
            var i = firstHash
            while i < bytes.endIndex {
                if bytes[i] == UInt8(ascii: "#") {
                    if i == bytes.startIndex { return "" }
                    let before = bytes[bytes.index(before: i)]
                    if before == 0x20 || (0x09...0x0D).contains(before) || (0x1C...0x1F).contains(before) {
                        var start = i
                        while start > bytes.startIndex {
                            let p = bytes[bytes.index(before: start)]
                            guard p == 0x20 || (0x09...0x0D).contains(p) || (0x1C...0x1F).contains(p) else { break }
                            start = bytes.index(before: start)
                        }
                        return String(text[..<start])
                    }
                }
                i = bytes.index(after: i)
            }
            return text
        }
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "#" && (i == 0 || isPythonWhitespace(scalars[i - 1])) {
                var start = i
                while start > 0 && isPythonWhitespace(scalars[start - 1]) { start -= 1 }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[0..<start])
                return String(view)
            }
            i += 1
        }
        return text
    }

    /// `${NAME}` with NAME of `[A-Z0-9_]+` is replaced by the variable's value when it is set and not empty.
    static func expandVariables(_ text: String, environment: [String: String]) -> String {
        guard text.utf8.contains(UInt8(ascii: "$")), text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        // The next `}`, searched again only once passed (a search from every `${` was quadratic).
        var nextClose: Substring.Index?? = .none
        while let start = rest.firstRange(of: "${") {
            result += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            if case .some(let known?) = nextClose, known < after.startIndex { nextClose = .none }
            if case .none = nextClose { nextClose = .some(after.firstIndex(of: "}")) }
            if let close = nextClose! {
                let name = after[..<close]
                if !name.isEmpty, name.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }),
                   let value = environment[String(name)], !value.isEmpty {
                    result += value
                    rest = after[after.index(after: close)...]
                    continue
                }
            }
            result += "${"
            rest = after
        }
        return result + rest
    }

    static func trimBackslashes(_ text: String) -> String {
        var s = Substring(text)
        while s.first == "\\" { s.removeFirst() }
        while s.last == "\\" { s.removeLast() }
        return String(s)
    }

    /// Python's `str.isspace` for the characters that matter in requirements files.
    static func isPythonWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func stripPythonWhitespace(_ text: String) -> String {
        let bytes = text.utf8
        if let first = bytes.first, let last = bytes.last, first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return text }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isPythonWhitespace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isPythonWhitespace($0) })!
        return String(scalars[first...last])
    }
}
