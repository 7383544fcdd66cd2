/// The line of each key path in a TOML text, found by scanning it, because the TOML library does
/// not report where values are. Paths look like `plan.max-level`, `ignore[2].reason` (arrays of
/// tables count from 1). Keys inside inline tables and multi-line values take the line of the
/// nearest enclosing key.
struct TOMLKeyLines {
    private var lines: [String: Int] = [:]

    init(_ text: String) {
        var table: [String] = []
        var arrayCounts: [String: Int] = [:]
        // Array names by each of their ancestors, so a new element resets only its own descendants
        // (a scan of every name per header was quadratic in the number of headers).
        var arraysUnder: [String: Set<String>] = [:]
        var depth = 0   // open brackets of a multi-line array value
        for (offset, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let number = offset + 1
            let line = Self.strippingComment(rawLine).trimmingWhitespace
            if depth > 0 {
                depth = max(0, depth + Self.bracketBalance(line))
                continue
            }
            if line.hasPrefix("[[") {
                let name = Self.keyParts(line.dropFirst(2).prefix { $0 != "]" })
                let joined = name.joined(separator: ".")
                let count = (arrayCounts[joined] ?? 0) + 1
                arrayCounts[joined] = count
                for end in name.indices.dropLast() { arraysUnder[name[...end].joined(separator: "."), default: []].insert(joined) }
                // Restart counts of arrays nested under an earlier element of this array.
                for key in arraysUnder[joined] ?? [] { arrayCounts[key] = nil }
                table = Self.indexed(name, arrayCounts)
                record(table, number)
            } else if line.hasPrefix("[") {
                let name = Self.keyParts(line.dropFirst().prefix { $0 != "]" })
                table = Self.indexed(name, arrayCounts)
                record(table, number)
            } else if let equals = Self.assignment(line) {
                let key = Self.keyParts(line[..<equals])
                guard !key.isEmpty else { continue }
                record(table + key, number)
                depth = max(0, Self.bracketBalance(line[line.index(after: equals)...]))
            }
        }
    }

    /// The line of a path, or of its nearest recorded ancestor.
    func line(of path: String) -> Int? {
        var current = path
        while true {
            if let line = lines[current] { return line }
            guard let cut = Self.parentCut(current) else { return nil }
            current = String(current[..<cut])
        }
    }

    private mutating func record(_ parts: [String], _ line: Int) {
        let path = parts.joined(separator: ".")
        if lines[path] == nil { lines[path] = line }
    }

    /// Array-of-tables names get their current element number: `ignore` → `ignore[2]`.
    private static func indexed(_ name: [String], _ counts: [String: Int]) -> [String] {
        var result: [String] = []
        for (i, part) in name.enumerated() {
            let prefix = name[...i].joined(separator: ".")
            result.append(counts[prefix].map { "\(part)[\($0)]" } ?? part)
        }
        return result
    }

    private static func parentCut(_ path: String) -> String.Index? {
        if path.hasSuffix("]"), let open = path.lastIndex(of: "[") { return open }
        return path.lastIndex(of: ".")
    }

    /// Splits a (dotted, maybe quoted) key into parts.
    private static func keyParts<S: StringProtocol>(_ text: S) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "." {
                parts.append(current.trimmingWhitespace); current = ""
            } else {
                current.append(c)
            }
        }
        parts.append(current.trimmingWhitespace)
        return parts.filter { !$0.isEmpty }
    }

    /// The `=` of a `key = value` line, outside quotes, when the line starts with a key.
    private static func assignment(_ line: String) -> String.Index? {
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let c = line[index]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "=" {
                return index
            } else if !(c.isLetter || c.isNumber || c == "-" || c == "_" || c == "." || c == " " || c == "\t") {
                return nil
            }
            index = line.index(after: index)
        }
        return nil
    }

    private static func strippingComment<S: StringProtocol>(_ line: S) -> String {
        var quote: Character?
        var result = ""
        for c in line {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "#" {
                break
            }
            result.append(c)
        }
        return result
    }

    /// `[` minus `]` outside quotes.
    private static func bracketBalance<S: StringProtocol>(_ text: S) -> Int {
        var quote: Character?
        var balance = 0
        for c in text {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "[" {
                balance += 1
            } else if c == "]" {
                balance -= 1
            }
        }
        return balance
    }
}
