import PinAuditCore
import Testing

@Suite("sha256 digests")
struct SHA256DigestTests {
    static let lower = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    @Test func readsHexInEitherCaseAndWritesLowercase() throws {
        let digest = try #require(SHA256Digest(hex: Self.lower))
        #expect(digest.description == Self.lower)
        #expect(SHA256Digest(hex: Self.lower.uppercased()) == digest)
        #expect(SHA256Digest(hex: "sha256:" + Self.lower) == nil)
        let substring = ("sha256:" + Self.lower).dropFirst(7)
        #expect(SHA256Digest(hex: substring) == digest)
    }

    /// Each of the 64 digits counts, in its place.
    @Test func everyDigitMatters() throws {
        let digest = try #require(SHA256Digest(hex: Self.lower))
        for offset in 0..<64 {
            var digits = Array(Self.lower.utf8)
            digits[offset] = digits[offset] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            let changed = try #require(SHA256Digest(hex: String(decoding: digits, as: UTF8.self)))
            #expect(changed != digest)
            #expect(changed.description == String(decoding: digits, as: UTF8.self))
        }
    }

    @Test(arguments: ["", "aa", String(repeating: "a", count: 63), String(repeating: "a", count: 65),
                      String(repeating: "a", count: 63) + "g", " " + String(repeating: "a", count: 63),
                      String(repeating: "a", count: 62) + "é"])
    func rejectsAnythingButSixtyFourHexDigits(text: String) {
        #expect(SHA256Digest(hex: text) == nil)
    }
}
