/// ASCII byte classes used by the hand-written scanners.
enum ASCII {
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
    @inline(__always) static func isAlphanumeric(_ b: UInt8) -> Bool { isDigit(b) || isLetter(b) }
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
    @inline(__always) static func isSeparator(_ b: UInt8) -> Bool { b == 46 || b == 45 || b == 95 }  // . - _
}

/// Python's notions of whitespace and word characters, for scanners that must agree with
/// `re` patterns compiled without the ASCII flag.
enum PythonCharacterClass {
    /// `\s` in a `str` pattern, which is `str.isspace()`.
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// `\w` in a `str` pattern: `str.isalnum()` or `_`.
    static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let b = UInt8(s.value)
            return ASCII.isAlphanumeric(b) || b == 95
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return s.properties.numericType != nil
        }
    }

    /// Python's `str.strip()` over scalars.
    static func strip(_ scalars: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var lower = scalars.startIndex, upper = scalars.endIndex
        while lower < upper, isWhitespace(scalars[lower]) { lower += 1 }
        while upper > lower, isWhitespace(scalars[upper - 1]) { upper -= 1 }
        return scalars[lower..<upper]
    }

    static func strip(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 >= 0x80 }) {
            let bytes = Array(text.utf8)
            var lower = 0, upper = bytes.count
            while lower < upper, isWhitespace(Unicode.Scalar(bytes[lower])) { lower += 1 }
            while upper > lower, isWhitespace(Unicode.Scalar(bytes[upper - 1])) { upper -= 1 }
            return lower == 0 && upper == bytes.count ? text : String(decoding: bytes[lower..<upper], as: UTF8.self)
        }
        return String(scalars: strip(Array(text.unicodeScalars)[...]))
    }
}

extension String {
    /// A string of these scalars, built through UTF-8 (much faster than appending to a scalar view).
    init(scalars: ArraySlice<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
