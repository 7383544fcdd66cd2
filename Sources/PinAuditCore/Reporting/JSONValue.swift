/// A JSON value with ordered object keys, so reports come out in a stable, readable order.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered(pretty: false) == b.rendered(pretty: false) }

    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    public static func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }

    /// JSON text; `pretty` indents by two spaces.
    public func rendered(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): JSONValue.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: " ", count: indent + 2) }
                item.write(into: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty { out += "\n" + String(repeating: " ", count: indent) }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: " ", count: indent + 2) }
                JSONValue.escape(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(into: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty { out += "\n" + String(repeating: " ", count: indent) }
            out += "}"
        }
    }

    /// Appends `s` to `out` as a JSON string literal (quotes included), for writers that build
    /// JSON text directly instead of through values.
    public static func escape(_ s: String, into out: inout String) {
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes in
            !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        } ?? !s.utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        if plain {
            out += "\""
            out += s
            out += "\""
            return
        }
        out += "\""
        var run = s.utf8.startIndex
        var i = run
        let bytes = s.utf8
        while i < bytes.endIndex {
            let b = bytes[i]
            let replacement: String?
            switch b {
            case 0x22: replacement = "\\\""
            case 0x5C: replacement = "\\\\"
            case 0x0A: replacement = "\\n"
            case 0x0D: replacement = "\\r"
            case 0x09: replacement = "\\t"
            case 0..<0x20:
                let hex = String(b, radix: 16)
                replacement = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: replacement = nil
            }
            if let replacement {
                out += s[run..<i]
                out += replacement
                run = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        out += s[run...]
        out += "\""
    }
}
