import Foundation

/// Numbers and strings, byte by byte.
extension JSONParser {
    /// The span of the number at `index`, consumed.
    @inlinable
    mutating func numberSpan() -> Range<Int> {
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                index += 1
            default:
                return start..<index
            }
        }
        return start..<index
    }

    @inlinable
    mutating func parseNumber() throws -> Double {
        let span = numberSpan()
        guard let value = Double(text(span)) else { throw JSONParseError(message: "invalid number", offset: span.lowerBound) }
        return value
    }

    /// `.int` for plain digits (with a sign) that fit, else `.decimal` with the text as written.
    @inlinable
    mutating func parseNumberValue() throws -> JSONValue {
        let span = numberSpan()
        let negative = bytes[span.lowerBound] == UInt8(ascii: "-")
        let digits = (negative ? span.lowerBound + 1 : span.lowerBound)..<span.upperBound
        if !digits.isEmpty, digits.count <= 18 {
            var value = 0
            var plain = true
            for position in digits {
                let digit = bytes[position] &- UInt8(ascii: "0")
                guard digit < 10 else { plain = false; break }
                value = value * 10 + Int(digit)
            }
            if plain { return .int(negative ? -value : value) }
        }
        let text = text(span)
        guard Double(text) != nil else { throw JSONParseError(message: "invalid number", offset: span.lowerBound) }
        return .decimal(text)
    }

    @inlinable
    func text(_ span: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[span]), as: UTF8.self)
    }

    @inlinable
    mutating func parseString() throws -> String {
        index += 1
        let start = index
        // Fast path: no escapes, the common case for every field PyPI sends.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in string") }
            index += 1
        }
        var buffer = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte < 0x20 { throw error("control character in string") }
            if byte != UInt8(ascii: "\\") { buffer.append(byte); index += 1; continue }
            index += 1
            guard index < bytes.count else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"): buffer.append(contentsOf: try parseUnicodeEscape())
            default: throw error("invalid escape")
            }
        }
        throw error("unterminated string")
    }

    @inlinable
    mutating func parseHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    @inlinable
    mutating func parseUnicodeEscape() throws -> [UInt8] {
        var scalar = try parseHex4()
        if (0xD800...0xDBFF).contains(scalar), index + 6 <= bytes.count,
           bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
            index += 2
            let low = try parseHex4()
            if (0xDC00...0xDFFF).contains(low) {
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
        }
        let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        return Array(String(Character(character)).utf8)
    }
}
