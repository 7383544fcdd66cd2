/// A sha256 digest as four 64-bit words: compared and hashed without building strings. Read
/// from 64 hex digits in either case (`--hash` values, index documents), written in lowercase.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    private let w0, w1, w2, w3: UInt64

    /// The digest spelled by exactly 64 hex digits; nil for anything else.
    public init?(hexDigits digits: UnsafeRawBufferPointer) {
        guard digits.count == 64,
              let w0 = Self.word(digits, at: 0), let w1 = Self.word(digits, at: 16),
              let w2 = Self.word(digits, at: 32), let w3 = Self.word(digits, at: 48) else { return nil }
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    public init?(hex text: some StringProtocol) {
        let parse = { (utf8: UnsafeBufferPointer<UInt8>) in Self(hexDigits: UnsafeRawBufferPointer(utf8)) }
        guard let digest = text.utf8.withContiguousStorageIfAvailable(parse) ?? Array(text.utf8).withUnsafeBufferPointer(parse)
        else { return nil }
        self = digest
    }

    /// The 16 hex digits at `start` as a number.
    private static func word(_ digits: UnsafeRawBufferPointer, at start: Int) -> UInt64? {
        var word: UInt64 = 0
        var invalid: UInt8 = 0
        for index in start..<(start + 16) {
            let nibble = hexValues[Int(digits[index])]
            invalid |= nibble
            word = word << 4 | UInt64(nibble & 0x0F)
        }
        return invalid & 0xF0 == 0 ? word : nil
    }

    /// The value of each byte as a hex digit; 0xFF for bytes that are not one.
    private static let hexValues: [UInt8] = (0..<256).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(byte) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(byte) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(byte) - UInt8(ascii: "A") + 10
        default: 0xFF
        }
    }

    /// 64 lowercase hex digits.
    public var description: String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            writeHex(into: buffer)
            return 64
        }
    }

    /// Writes the 64 lowercase hex digits at the start of `buffer` (which holds at least 64 bytes).
    public func writeHex(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let digits: StaticString = "0123456789abcdef"
        for offset in 0..<64 {
            let word = switch offset >> 4 { case 0: w0; case 1: w1; case 2: w2; default: w3 }
            let shift = UInt64(60 - 4 * (offset & 15))
            buffer[offset] = digits.utf8Start[Int((word >> shift) & 0xF)]
        }
    }
}
