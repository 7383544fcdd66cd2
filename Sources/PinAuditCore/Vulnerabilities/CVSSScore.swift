/// A CVSS score from 0.0 to 10.0 with one decimal, held as tenths so that it prints and compares
/// exactly (`7.5` is 75 tenths).
public struct CVSSScore: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let tenths: Int

    /// `tenths` clamped to 0...100.
    public init(tenths: Int) { self.tenths = min(max(tenths, 0), 100) }

    /// The score as a number, e.g. 7.5.
    public var value: Double { Double(tenths) / 10 }

    /// `7.5`, `10.0`, `0.0`.
    public var description: String { "\(tenths / 10).\(tenths % 10)" }

    /// The qualitative rating of the score: CVSS v3.1 Table 14 and CVSS v4.0 Table 30 (the same
    /// bands): None 0.0, Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0.
    public var rating: SeverityLevel {
        switch tenths {
        case 0: .none
        case 1...39: .low
        case 40...69: .medium
        case 70...89: .high
        default: .critical
        }
    }

    public static func < (a: CVSSScore, b: CVSSScore) -> Bool { a.tenths < b.tenths }

    public init(from decoder: Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Double.self)
        self.init(tenths: Int((value * 10).rounded()))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
