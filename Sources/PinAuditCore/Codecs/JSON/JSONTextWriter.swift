/// JSON text built as bytes: what `JSONValue` renders with, and what writers of large, regular
/// JSON (the cache's records) use directly instead of building values first.
public struct JSONTextWriter {
    public private(set) var bytes: [UInt8] = []

    /// Writes backspace and form feed as `\b` and `\f` (as Foundation's JSON writer does)
    /// rather than as `\u0008` and `\u000c`.
    public var shortControlEscapes = false

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
                case 0x08 where shortControlEscapes: raw("\\b")
                case 0x0C where shortControlEscapes: raw("\\f")
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
