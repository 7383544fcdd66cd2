/// Decodes a source file's bytes the way pip's `auto_decode` does (BOMs, then a PEP 263 coding
/// line, then UTF-8), reporting where the text is not valid instead of failing.
public enum TextDecoding {
    public struct Decoded: Sendable {
        public var text: String
        /// 1-based line of the first byte that is not valid in the file's encoding, if any.
        public var invalidLine: Int?
        public var encoding: String
    }

    /// Whether the bytes look like a binary file (a NUL byte in the first 8 KiB, outside UTF-16/32).
    public static func looksBinary(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return false }
        return bytes.prefix(8192).contains(0)
    }

    public static func decode(_ bytes: [UInt8]) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return utf8(Array(bytes.dropFirst(3)), encoding: "utf-8-sig") }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(Array(bytes.dropFirst(2)), littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(Array(bytes.dropFirst(2)), littleEndian: false) }
        if let declared = codingDeclaration(bytes) {
            let name = declared.lowercased().replacingAll("_", with: "-")
            if ["latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "cp819"].contains(name) {
                return Decoded(text: String(bytes.map { Character(Unicode.Scalar($0)) }), invalidLine: nil, encoding: name)
            }
        }
        return utf8(bytes, encoding: "utf-8")
    }

    private static func utf8(_ bytes: [UInt8], encoding: String) -> Decoded {
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, invalidLine: nil, encoding: encoding)
        }
        return Decoded(text: String(decoding: bytes, as: UTF8.self), invalidLine: firstInvalidUTF8Line(bytes), encoding: encoding)
    }

    private static func utf16(_ bytes: [UInt8], littleEndian: Bool) -> Decoded {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 0
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | (b << 8) : (a << 8) | b)
            i += 2
        }
        let text = String(decoding: units, as: UTF16.self)
        return Decoded(text: text, invalidLine: bytes.count % 2 == 1 ? text.split(separator: "\n", omittingEmptySubsequences: false).count : nil, encoding: "utf-16")
    }

    /// `coding[:=]\s*([-\w.]+)` on one of the first two lines, when that line starts with `#`.
    private static func codingDeclaration(_ bytes: [UInt8]) -> String? {
        let lines = bytes.prefix(4096).split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false).prefix(2)
        for line in lines where line.first == UInt8(ascii: "#") {
            let text = String(decoding: line, as: UTF8.self)
            guard let r = text.firstRange(of: "coding") else { continue }
            var rest = text[r.upperBound...]
            guard let sep = rest.first, sep == ":" || sep == "=" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            let name = rest.prefix { (c: Character) -> Bool in
                c.isLetter || c.isNumber || c == "-" || c == "_" || c == "."
            }
            if !name.isEmpty { return String(name) }
        }
        return nil
    }

    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A { line += 1; i += 1; continue }
            if b < 0x80 { i += 1; continue }
            let length: Int
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return line
            }
            guard i + length <= bytes.count, String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil else { return line }
            i += length
        }
        return line
    }
}
