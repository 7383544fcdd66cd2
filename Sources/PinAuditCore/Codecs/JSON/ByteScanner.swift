/// Fixed-shape JSON text (lines a program wrote itself, in a known member order and without
/// escapes) read byte by byte, where `JSONParser`'s generality costs: the cache's record lines,
/// which every audit reads. Each reader returns nil (or false) on anything else, possibly after
/// consuming part of it; a caller then reads the whole line again with `JSONParser`.
/// Its methods are inlinable, so that readers in other modules run as fast as they would beside it.
public struct ByteScanner {
    public let bytes: UnsafeRawBufferPointer
    /// Bytes read so far, from the start of `bytes`.
    public var index = 0

    @inlinable public init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Whether every byte has been read.
    @inlinable public var atEnd: Bool { index == bytes.count }

    /// Reads `byte` if it is next.
    @inlinable
    public mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Reads `text` if it is next.
    @inlinable
    public mutating func take(_ text: String.UTF8View) -> Bool {
        guard bytes.count - index >= text.count, UnsafeRawBufferPointer(rebasing: bytes[index...]).starts(with: text) else { return false }
        index += text.count
        return true
    }

    /// Up to 18 decimal digits.
    @inlinable
    public mutating func count() -> Int? {
        var value = 0
        let start = index
        while index < bytes.count, index - start < 18, case let digit = bytes[index] &- UInt8(ascii: "0"), digit < 10 {
            value = value * 10 + Int(digit)
            index += 1
        }
        return index > start ? value : nil
    }

    /// `"text"` (without escapes) or `null`; nil when neither.
    @inlinable
    public mutating func string() -> String?? {
        if take("null".utf8) { return .some(nil) }
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
        guard take(UInt8(ascii: "\"")) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
    }

    /// `true` or `false`; nil when neither.
    @inlinable
    public mutating func bool() -> Bool? {
        if take("true".utf8) { return true }
        if take("false".utf8) { return false }
        return nil
    }
}
