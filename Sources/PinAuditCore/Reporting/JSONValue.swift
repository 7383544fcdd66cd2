/// A JSON value with ordered object keys, so reports come out in a stable, readable order.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    /// A number written as given (a score such as `7.5`); the text must be a JSON number.
    case decimal(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered(pretty: false) == b.rendered(pretty: false) }

    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    public static func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }

    /// JSON text; `pretty` indents by two spaces.
    public func rendered(pretty: Bool = true) -> String {
        var writer = JSONTextWriter()
        write(into: &writer, pretty: pretty, indent: 0)
        return writer.text
    }

    private func write(into out: inout JSONTextWriter, pretty: Bool, indent: Int) {
        switch self {
        case .null: out.raw("null")
        case .bool(let b): out.raw(b ? "true" : "false")
        case .int(let i): out.int(i)
        case .decimal(let text): out.raw(bytes: text.utf8)
        case .string(let s): out.string(s)
        case .array(let items):
            if items.isEmpty { out.raw("[]"); return }
            out.raw("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.raw(",") }
                if pretty { out.newline(indent: indent + 2) }
                item.write(into: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty { out.newline(indent: indent) }
            out.raw("]")
        case .object(let pairs):
            if pairs.isEmpty { out.raw("{}"); return }
            out.raw("{")
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out.raw(",") }
                if pretty { out.newline(indent: indent + 2) }
                out.string(key)
                out.raw(pretty ? ": " : ":")
                value.write(into: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty { out.newline(indent: indent) }
            out.raw("}")
        }
    }
}

/// JSON text built as bytes: what `JSONValue` renders with, and what writers of large, regular
/// JSON (the cache's records) use directly instead of building values first.
public struct JSONTextWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends `text` as it is (punctuation, numbers already formatted).
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` as it is: bytes that are not JSON themselves (a record's digest lines).
    public mutating func raw(bytes text: some Sequence<UInt8>) { bytes.append(contentsOf: text) }

    public mutating func int(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    public mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    /// A line break and `indent` spaces.
    public mutating func newline(indent: Int) {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: indent))
    }

    /// `value` as a JSON string literal, or `null`.
    public mutating func string(_ value: String?) {
        guard var text = value else { raw("null"); return }
        bytes.append(0x22)
        text.withUTF8 { utf8 in
            var run = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                switch b {
                case 0x22: raw("\\\"")
                case 0x5C: raw("\\\\")
                case 0x0A: raw("\\n")
                case 0x0D: raw("\\r")
                case 0x09: raw("\\t")
                default:
                    let hex = String(b, radix: 16)
                    bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
                run = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(0x22)
    }
}
