import Foundation

/// Writes ZIP archives (wheels) in memory for tests: stored or deflated members, in the order
/// added, optionally with ZIP64 end records and offsets even when small.
///
/// TestSupport does not link zlib, so deflated members are compressed by the `deflate` closure
/// the test supplies (raw deflate, as ZIP method 8 stores it).
public struct ZipArchiveBuilder {
    public enum Method: Sendable { case stored, deflated }

    /// Writes the ZIP64 end record and locator, with the classic record's fields at their
    /// overflow markers and every local header offset in a ZIP64 extra field.
    public var zip64 = false
    /// Raw deflate, needed when a member is `.deflated`.
    public var deflate: (([UInt8]) -> [UInt8])?
    private var members: [(name: String, content: [UInt8], method: Method)] = []

    public init(zip64: Bool = false, deflate: (([UInt8]) -> [UInt8])? = nil) {
        self.zip64 = zip64
        self.deflate = deflate
    }

    public mutating func add(_ name: String, _ content: [UInt8], method: Method = .stored) {
        members.append((name, content, method))
    }

    public mutating func add(_ name: String, text: String, method: Method = .stored) {
        add(name, Array(text.utf8), method: method)
    }

    /// `count` bytes that do not compress (a deterministic pseudo-random sequence).
    public static func noise(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    public func build() -> Data {
        var output: [UInt8] = []
        var central: [UInt8] = []
        for member in members {
            let stored: [UInt8]
            let method: Int
            switch member.method {
            case .stored:
                stored = member.content
                method = 0
            case .deflated:
                guard let deflate else { fatalError("a deflated member needs ZipArchiveBuilder.deflate") }
                stored = deflate(member.content)
                method = 8
            }
            let crc = Self.crc32(member.content)
            let name = Array(member.name.utf8)
            let offset = output.count
            output += Self.le32(0x0403_4B50) + Self.le16(20) + Self.le16(0) + Self.le16(method) + Self.le16(0) + Self.le16(0x21)
            output += Self.le32(Int(crc)) + Self.le32(stored.count) + Self.le32(member.content.count)
            output += Self.le16(name.count) + Self.le16(0) + name + stored

            let extra = zip64 ? Self.le16(1) + Self.le16(8) + Self.le64(offset) : []
            central += Self.le32(0x0201_4B50) + Self.le16(zip64 ? 45 : 20) + Self.le16(zip64 ? 45 : 20) + Self.le16(0)
            central += Self.le16(method) + Self.le16(0) + Self.le16(0x21) + Self.le32(Int(crc))
            central += Self.le32(stored.count) + Self.le32(member.content.count)
            central += Self.le16(name.count) + Self.le16(extra.count) + Self.le16(0) + Self.le16(0) + Self.le16(0)
            central += Self.le32(0) + Self.le32(zip64 ? 0xFFFF_FFFF : offset) + name + extra
        }
        let directoryOffset = output.count
        output += central
        if zip64 {
            let recordOffset = output.count
            output += Self.le32(0x0606_4B50) + Self.le64(44) + Self.le16(45) + Self.le16(45) + Self.le32(0) + Self.le32(0)
            output += Self.le64(members.count) + Self.le64(members.count) + Self.le64(central.count) + Self.le64(directoryOffset)
            output += Self.le32(0x0706_4B50) + Self.le32(0) + Self.le64(recordOffset) + Self.le32(1)
            output += Self.le32(0x0605_4B50) + Self.le16(0xFFFF) + Self.le16(0xFFFF) + Self.le16(0xFFFF) + Self.le16(0xFFFF)
            output += Self.le32(0xFFFF_FFFF) + Self.le32(0xFFFF_FFFF) + Self.le16(0)
        } else {
            output += Self.le32(0x0605_4B50) + Self.le16(0) + Self.le16(0) + Self.le16(members.count) + Self.le16(members.count)
            output += Self.le32(central.count) + Self.le32(directoryOffset) + Self.le16(0)
        }
        return Data(output)
    }

    private static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }
    private static func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16((value >> 16) & 0xFFFF) }
    private static func le64(_ value: Int) -> [UInt8] { le32(value & 0xFFFF_FFFF) + le32((value >> 32) & 0xFFFF_FFFF) }

    /// CRC-32 (IEEE 802.3, reflected), as ZIP stores it.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }
}
