/// A fast reader for the TOML that lock tools write: `[table]` and `[[array]]` headers with bare
/// dotted names, `key = value` lines with bare or quoted keys, single-line basic and literal strings,
/// arrays (over several lines, with comments and trailing commas), inline tables and scalars.
///
/// Anything outside that subset — multi-line strings, dotted keys, a repeated key, bad syntax —
/// makes `scan` return nil, and the caller falls back to TOMLKit, which reads all of TOML and
/// reports errors with positions. TOMLKit alone takes longer than pinaudit's budget for a 1.4 MB
/// `uv.lock`; this scanner reads one in a few milliseconds and records the line of every header.
struct LockTOMLScanner {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1

    private init(_ text: String) { bytes = Array(text.utf8) }

    /// The document's root table, or nil when the text leaves the supported subset.
    static func scan(_ text: String) -> LockTOMLTable? {
        var scanner = LockTOMLScanner(text)
        return scanner.document()
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }
    private func peek(_ offset: Int) -> UInt8? { position + offset < bytes.count ? bytes[position + offset] : nil }

    private mutating func document() -> LockTOMLTable? {
        let root = LockTOMLTable()
        var table = root
        while true {
            skipTrivia(newlines: true)
            guard let byte = current else { return root }
            if byte == UInt8(ascii: "[") {
                guard let next = header(root: root) else { return nil }
                table = next
            } else {
                guard keyValue(into: table) else { return nil }
            }
            skipTrivia(newlines: false)
            guard current == nil || current == UInt8(ascii: "\n") else { return nil }
        }
    }

    /// `[a.b]` or `[[a.b]]`: the table that following keys go into.
    private mutating func header(root: LockTOMLTable) -> LockTOMLTable? {
        let headerLine = line
        let isArray = peek(1) == UInt8(ascii: "[")
        position += isArray ? 2 : 1
        var parts: [String] = []
        while true {
            skipTrivia(newlines: false)
            guard let part = bareKey() else { return nil }
            parts.append(part)
            skipTrivia(newlines: false)
            if current == UInt8(ascii: ".") { position += 1; continue }
            break
        }
        guard current == UInt8(ascii: "]") else { return nil }
        position += 1
        if isArray {
            guard current == UInt8(ascii: "]") else { return nil }
            position += 1
        }
        var table = root
        for part in parts.dropLast() {
            switch table[part] {
            case .table(let t)?: table = t
            case .array(let elements)?:
                guard let last = elements.last?.table else { return nil }
                table = last
            case nil:
                let created = LockTOMLTable(line: headerLine)
                table.set(part, .table(created))
                table = created
            default:
                return nil
            }
        }
        let name = parts[parts.count - 1]
        let created = LockTOMLTable(line: headerLine)
        if isArray {
            return table.append(.table(created), toArray: name) ? created : nil
        }
        switch table[name] {
        case .table(let existing)?: return existing  // created implicitly by a deeper header
        case nil: table.set(name, .table(created)); return created
        default: return nil
        }
    }

    /// `key = value` into `table`; false when it is not one, or the key is already set.
    private mutating func keyValue(into table: LockTOMLTable) -> Bool {
        guard let key = key() else { return false }
        skipTrivia(newlines: false)
        guard current == UInt8(ascii: "=") else { return false }
        position += 1
        skipTrivia(newlines: false)
        guard let value = value() else { return false }
        return table.set(key, value)
    }

    private mutating func key() -> String? {
        if current == UInt8(ascii: "\"") { return basicString() }
        if current == UInt8(ascii: "'") { return literalString() }
        return bareKey()
    }

    private mutating func bareKey() -> String? {
        let start = position
        while let byte = current, Self.isBareKeyByte(byte) { position += 1 }
        return position > start ? String(decoding: bytes[start..<position], as: UTF8.self) : nil
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    private mutating func value() -> LockTOMLValue? {
        switch current {
        case UInt8(ascii: "\"")?: return basicString().map(LockTOMLValue.string)
        case UInt8(ascii: "'")?: return literalString().map(LockTOMLValue.string)
        case UInt8(ascii: "[")?: return array()
        case UInt8(ascii: "{")?: return inlineTable()
        case nil: return nil
        default: return scalar()
        }
    }

    private mutating func array() -> LockTOMLValue? {
        position += 1
        var elements: [LockTOMLValue] = []
        while true {
            skipTrivia(newlines: true)
            if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
            guard let element = value() else { return nil }
            elements.append(element)
            skipTrivia(newlines: true)
            if current == UInt8(ascii: ",") { position += 1; continue }
            guard current == UInt8(ascii: "]") else { return nil }
        }
    }

    private mutating func inlineTable() -> LockTOMLValue? {
        position += 1
        let table = LockTOMLTable()
        skipTrivia(newlines: false)
        if current == UInt8(ascii: "}") { position += 1; return .table(table) }
        while true {
            skipTrivia(newlines: false)
            guard keyValue(into: table) else { return nil }
            skipTrivia(newlines: false)
            if current == UInt8(ascii: ",") { position += 1; continue }
            guard current == UInt8(ascii: "}") else { return nil }
            position += 1
            return .table(table)
        }
    }

    /// A number, boolean or date-time: up to the next delimiter, as written.
    private mutating func scalar() -> LockTOMLValue? {
        let start = position
        while let byte = current, byte != UInt8(ascii: ","), byte != UInt8(ascii: "]"), byte != UInt8(ascii: "}"),
              byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r"), byte != UInt8(ascii: "#") {
            position += 1
        }
        var end = position
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard end > start else { return nil }
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        guard text.first.map({ $0.isNumber || $0 == "t" || $0 == "f" || $0 == "-" || $0 == "+" || $0 == "i" || $0 == "n" }) == true
        else { return nil }
        return .scalar(text)
    }

    private mutating func literalString() -> String? {
        guard peek(1) != UInt8(ascii: "'") || peek(2) != UInt8(ascii: "'") else { return nil }
        position += 1
        let start = position
        while let byte = current, byte != UInt8(ascii: "'") {
            if byte == UInt8(ascii: "\n") { return nil }
            position += 1
        }
        guard current != nil else { return nil }
        defer { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func basicString() -> String? {
        guard peek(1) != UInt8(ascii: "\"") || peek(2) != UInt8(ascii: "\"") else { return nil }
        position += 1
        let start = position
        while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            if byte == UInt8(ascii: "\n") { return nil }
            position += 1
        }
        guard let stop = current else { return nil }
        if stop == UInt8(ascii: "\"") {
            defer { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
        var buffer = Array(bytes[start..<position])
        while let byte = current {
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\n"):
                return nil
            case UInt8(ascii: "\\"):
                guard let escaped = current else { return nil }
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(escaped)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let width = escaped == UInt8(ascii: "u") ? 4 : 8
                    guard position + width <= bytes.count,
                          let code = UInt32(String(decoding: bytes[position..<position + width], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else { return nil }
                    buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
                    position += width
                default:
                    return nil
                }
            default:
                buffer.append(byte)
            }
        }
        return nil
    }

    /// Spaces, tabs, carriage returns before a newline, comments, and (when allowed) newlines.
    private mutating func skipTrivia(newlines: Bool) {
        while let byte = current {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "#"):
                while let c = current, c != UInt8(ascii: "\n") { position += 1 }
            case UInt8(ascii: "\n") where newlines:
                position += 1; line += 1
            default:
                return
            }
        }
    }
}
