import Foundation

/// The one JSON reader: a small, fast RFC 8259 parser over bytes, producing order-preserving
/// `JSONValue`s (`parse`), or read token by token (`read`) for layouts known in advance. Its
/// methods are inlinable, so that readers in other modules (the index client, the cache) run as
/// fast as they did beside it.
public struct JSONParser {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline var index = 0
    @usableFromInline var depth = 0
    @usableFromInline static let maxDepth = 512

    @inlinable init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Parses a whole document of `bytes`; trailing non-space bytes are an error.
    @inlinable
    public static func parse(_ bytes: some Collection<UInt8>) throws -> JSONValue {
        if let data = bytes as? Data { return try parse(data) }
        return try parse(Data(bytes))
    }

    /// Bytes read so far, from the start of the document: where the next token starts after
    /// whitespace once `peek` has been called.
    @inlinable public var offset: Int { index }

    /// Parses a whole document; trailing non-space bytes are an error.
    @inlinable
    public static func parse(_ data: Data) throws -> JSONValue {
        try data.withUnsafeBytes { raw in
            var parser = JSONParser(bytes: raw)
            parser.skipWhitespace()
            let value = try parser.parseValue()
            parser.skipWhitespace()
            guard parser.index == raw.count else { throw parser.error("unexpected data after the document") }
            return value
        }
    }

    /// Reads `data` with `body` as a stream of tokens, for layouts known in advance (the cache's
    /// release rows) where building `JSONValue`s would cost more than the reading itself.
    @inlinable
    public static func read<T>(_ data: Data, _ body: (inout JSONParser) throws -> T) throws -> T {
        try data.withUnsafeBytes { raw in
            var parser = JSONParser(bytes: raw)
            let value = try body(&parser)
            parser.skipWhitespace()
            guard parser.index == raw.count else { throw parser.error("unexpected data after the document") }
            return value
        }
    }

    /// The next byte after whitespace, not consumed.
    @inlinable
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    /// The next value, whole.
    @inlinable
    public mutating func readValue() throws -> JSONValue {
        skipWhitespace()
        return try parseValue()
    }

    /// Passes over the next value without building it.
    @inlinable
    public mutating func skipValue() throws {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of data") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try readMembers { _, reader in try reader.skipValue() }
        case UInt8(ascii: "["): try readElements { reader in try reader.skipValue() }
        case UInt8(ascii: "\""):
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { index += 1; return }
                if byte < 0x20 { throw error("control character in string") }
                index += byte == UInt8(ascii: "\\") ? 2 : 1
            }
            throw error("unterminated string")
        default:
            _ = try parseValue()
        }
    }

    /// An object, member by member: `body` gets each key and must read that member's value.
    @inlinable
    public mutating func readMembers(_ body: (String, inout JSONParser) throws -> Void) throws {
        try enter()
        defer { depth -= 1 }
        try expect(byte: UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        repeat {
            let key = try readString()
            try expect(byte: UInt8(ascii: ":"))
            try body(key, &self)
        } while take(UInt8(ascii: ","))
        try expect(byte: UInt8(ascii: "}"))
    }

    /// An object as `readMembers` reads it, with where each key starts (its opening quote, as a
    /// byte offset from the start of the document), for messages that name a key's line.
    @inlinable
    public mutating func readMembersWithOffsets(_ body: (String, Int, inout JSONParser) throws -> Void) throws {
        try enter()
        defer { depth -= 1 }
        try expect(byte: UInt8(ascii: "{"))
        if take(UInt8(ascii: "}")) { return }
        repeat {
            skipWhitespace()
            let keyOffset = index
            let key = try readString()
            try expect(byte: UInt8(ascii: ":"))
            try body(key, keyOffset, &self)
        } while take(UInt8(ascii: ","))
        try expect(byte: UInt8(ascii: "}"))
    }

    /// An array, element by element: `body` must read each element.
    @inlinable
    public mutating func readElements(_ body: (inout JSONParser) throws -> Void) throws {
        try enter()
        defer { depth -= 1 }
        try expect(byte: UInt8(ascii: "["))
        if take(UInt8(ascii: "]")) { return }
        repeat { try body(&self) } while take(UInt8(ascii: ","))
        try expect(byte: UInt8(ascii: "]"))
    }

    /// Consumes `byte` (after whitespace) or throws.
    @inlinable
    public mutating func expect(byte: UInt8) throws {
        guard take(byte) else { throw error("expected '\(Character(UnicodeScalar(byte)))'") }
    }

    /// Consumes `byte` (after whitespace) when it comes next.
    @inlinable
    public mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    @inlinable
    public mutating func readString() throws -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string") }
        return try parseString()
    }

    /// A string or null.
    @inlinable
    public mutating func readOptionalString() throws -> String? {
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "n") { try expect("null"); return nil }
        return try readString()
    }

    @inlinable
    public mutating func readNumber() throws -> Double {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of data") }
        return try parseNumber()
    }

    /// A non-negative integer written as plain digits (what the cache writes), without the
    /// detour through `Double(String)` that general numbers take.
    @inlinable
    public mutating func readCount() throws -> Int {
        skipWhitespace()
        var value = 0
        let start = index
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9"), index - start < 18 {
            value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        guard index > start else { throw error("expected a count") }
        return value
    }

    @inlinable
    public mutating func readBool() throws -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of data") }
        if bytes[index] == UInt8(ascii: "t") { try expect("true"); return true }
        try expect("false")
        return false
    }

    @inlinable
    func error(_ message: String) -> JSONParseError {
        JSONParseError(message: index >= bytes.count ? "unexpected end of data" : message, offset: index)
    }

    @inlinable
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    @inlinable
    mutating func parseValue() throws -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of data") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumberValue()
        default: throw error("unexpected character")
        }
    }

    @inlinable
    mutating func expect(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of data") }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { throw error("invalid literal") }
        index += count
    }

    @inlinable
    mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth { throw error("nesting too deep") }
    }

    @inlinable
    mutating func parseObject() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var object = JSONObject()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name") }
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
            object.keys.append(key)
            object.values.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of data") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(object) }
            throw error("expected ',' or '}'")
        }
    }

    @inlinable
    mutating func parseArray() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of data") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            throw error("expected ',' or ']'")
        }
    }
}
