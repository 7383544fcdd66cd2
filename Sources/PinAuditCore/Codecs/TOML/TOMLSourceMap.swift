/// Where things stand in a TOML document's text: table headers, keys and string literals, with
/// their 1-based lines. TOMLKit gives values without positions, so a declaration file is parsed for
/// its values and mapped here for the line of each declared dependency.
///
/// The scan knows TOML's lexical rules (basic, literal and multi-line strings, comments, brackets),
/// not its grammar: a value's strings are the string literals that follow its key, in order.
struct TOMLSourceMap {
    struct Literal {
        var line: Int
        var offset: Int
    }

    struct Key {
        /// The header path of the section the key is in (`["tool", "poetry", "dependencies"]`).
        var section: [String]
        /// The key as written in the section, dotted parts joined with `.`.
        var name: String
        var line: Int
        var offset: Int
    }

    private(set) var literals: [Literal] = []
    private(set) var keys: [Key] = []
    /// Header path → line of the header (the first one, for arrays of tables).
    private(set) var headers: [[String]: Int] = [:]

    init(_ text: String) {
        let bytes = Array(text.utf8)
        var index = 0, line = 1
        var section: [String] = []
        var open: [UInt8] = []  // brackets and braces open inside a value, innermost last
        var atKeyPosition = true
        var pendingKey: [String] = []
        var keyStart = (line: 1, offset: 0)

        func peek(_ ahead: Int) -> UInt8? { index + ahead < bytes.count ? bytes[index + ahead] : nil }
        /// Reads a string literal at `index`; returns its text.
        func readString() -> String {
            let quote = bytes[index]
            let triple = peek(1) == quote && peek(2) == quote
            index += triple ? 3 : 1
            var value: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                    index += triple ? 3 : 1
                    // A multi-line string may end with up to two more quotes that belong to it.
                    while triple, index < bytes.count, bytes[index] == quote, value.count < Int.max { value.append(quote); index += 1 }
                    break
                }
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    if !triple { break }  // an unterminated one-line string: TOMLKit reports it
                }
                if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") && index + 1 < bytes.count {
                    value.append(byte); value.append(bytes[index + 1])
                    if bytes[index + 1] == UInt8(ascii: "\n") { line += 1 }
                    index += 2
                    continue
                }
                value.append(byte)
                index += 1
            }
            return String(decoding: value, as: UTF8.self)
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1; index += 1
                if open.isEmpty { atKeyPosition = true; pendingKey = [] }
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if open.isEmpty && atKeyPosition && byte == UInt8(ascii: "[") {
                    // A table header: `[a.b]` or `[[a.b]]`.
                    let headerLine = line
                    index += peek(1) == UInt8(ascii: "[") ? 2 : 1
                    var parts: [String] = [], part: [UInt8] = []
                    while index < bytes.count, bytes[index] != UInt8(ascii: "]"), bytes[index] != UInt8(ascii: "\n") {
                        let b = bytes[index]
                        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                            part += Array(readString().utf8)
                        } else if b == UInt8(ascii: ".") {
                            parts.append(String(decoding: part, as: UTF8.self)); part = []; index += 1
                        } else {
                            if b != UInt8(ascii: " ") && b != UInt8(ascii: "\t") { part.append(b) }
                            index += 1
                        }
                    }
                    parts.append(String(decoding: part, as: UTF8.self))
                    while index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1 }
                    section = parts
                    if headers[parts] == nil { headers[parts] = headerLine }
                    atKeyPosition = false
                } else {
                    open.append(byte); index += 1
                    if byte == UInt8(ascii: "{") { atKeyPosition = true; pendingKey = [] }
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                _ = open.popLast(); index += 1
                if byte == UInt8(ascii: "}") { atKeyPosition = false }
            case UInt8(ascii: ","):
                index += 1
                // Inside an inline table, a comma starts the next key.
                atKeyPosition = open.last == UInt8(ascii: "{")
                pendingKey = []
            case UInt8(ascii: "="):
                index += 1
                if atKeyPosition && !pendingKey.isEmpty {
                    if open.isEmpty {
                        keys.append(Key(section: section, name: pendingKey.joined(separator: "."), line: keyStart.line, offset: keyStart.offset))
                    }
                    atKeyPosition = false
                    pendingKey = []
                }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let start = (line: line, offset: index)
                let text = readString()
                if atKeyPosition {
                    if pendingKey.isEmpty { keyStart = start }
                    pendingKey.append(text)
                } else {
                    literals.append(Literal(line: start.line, offset: start.offset))
                }
            case UInt8(ascii: "."):
                index += 1
            default:
                let start = (line: line, offset: index)
                var word: [UInt8] = []
                while index < bytes.count, !Self.isDelimiter(bytes[index]) { word.append(bytes[index]); index += 1 }
                if word.isEmpty { index += 1; continue }
                if atKeyPosition {
                    if pendingKey.isEmpty { keyStart = start }
                    pendingKey += String(decoding: word, as: UTF8.self).split(separator: ".").map(String.init)
                }
            }
        }
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "="), UInt8(ascii: ","),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "\""),
             UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    /// The key `name` of the section `section` (a dotted key under a parent section matches too:
    /// `optional-dependencies.web` under `[project]`).
    func key(_ name: String, in section: [String]) -> Key? {
        keys.first { $0.section == section && $0.name == name }
            ?? keys.first { $0.section + $0.name.split(separator: ".").map(String.init) == section + name.split(separator: ".").map(String.init) }
    }

    /// The lines of the first `count` string literals after `key`'s `=`.
    func literalLines(after key: Key, count: Int) -> [Int] {
        guard let first = literals.firstIndex(where: { $0.offset > key.offset }) else { return [] }
        return literals[first..<min(literals.count, first + count)].map(\.line)
    }

    /// The 1-based line of the header of `section`, or nil.
    func header(_ section: [String]) -> Int? { headers[section] }
}
