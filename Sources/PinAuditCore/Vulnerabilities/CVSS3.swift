import Foundation

/// A CVSS v3.0 or v3.1 vector and its base score, computed with the base equations of the
/// CVSS v3.1 specification (Section 7.1), which are those of v3.0 too, and the `Roundup` of
/// v3.1's Appendix A for both versions: v3.0 defined Roundup only in words ("the smallest number,
/// specified to one decimal place, that is equal to or higher than its input"), and v3.1 made it
/// exact so that floating-point noise cannot add 0.1 (for v3.0 vectors it gives the score v3.0 means).
///
/// Temporal and environmental metrics are checked but do not change the base score.
///
/// ```swift
/// let cvss = try CVSS3(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
/// cvss.baseScore.description   // "9.8"
/// ```
public struct CVSS3: Hashable, Sendable {
    /// `3.0` or `3.1`.
    public let version: String
    /// The vector as given.
    public let vector: String
    /// The base score.
    public let baseScore: CVSSScore

    /// Metrics and values of the specification's Table 15 (base, temporal, environmental), in its order.
    static let definitions: [(name: String, values: [String])] = [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("PR", ["N", "L", "H"]), ("UI", ["N", "R"]),
        ("S", ["U", "C"]), ("C", ["H", "L", "N"]), ("I", ["H", "L", "N"]), ("A", ["H", "L", "N"]),
        ("E", ["X", "H", "F", "P", "U"]), ("RL", ["X", "U", "W", "T", "O"]), ("RC", ["X", "C", "R", "U"]),
        ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
        ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MPR", ["X", "N", "L", "H"]),
        ("MUI", ["X", "N", "R"]), ("MS", ["X", "U", "C"]),
        ("MC", ["X", "H", "L", "N"]), ("MI", ["X", "H", "L", "N"]), ("MA", ["X", "H", "L", "N"]),
    ]
    static let baseMetrics: Set<String> = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"]

    /// Parses and scores `vector`; throws `CVSSVectorError` for anything the v3.x specification
    /// does not allow (v3.x accepts the metrics in any order, each at most once).
    public init(vector: String) throws(CVSSVectorError) {
        let text = try CVSSVectorText.parse(vector)
        guard text.version == "3.0" || text.version == "3.1" else {
            throw CVSSVectorError(vector: vector, problem: "it is CVSS \(text.version), not 3.0 or 3.1")
        }
        let metrics = try text.validated(vector, definitions: Self.definitions, mandatory: Self.baseMetrics, ordered: false)
        self.version = text.version
        self.vector = vector
        baseScore = Self.baseScore(metrics)
    }

    /// Section 7.1: the base equations over metric values of Section 7.4.
    static func baseScore(_ m: [String: String]) -> CVSSScore {
        let scopeChanged = m["S"] == "C"
        let attackVector = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2][m["AV"]!]!
        let attackComplexity = m["AC"] == "L" ? 0.77 : 0.44
        let privileges: Double
        switch m["PR"]! {
        case "N": privileges = 0.85
        case "L": privileges = scopeChanged ? 0.68 : 0.62
        default: privileges = scopeChanged ? 0.5 : 0.27
        }
        let userInteraction = m["UI"] == "N" ? 0.85 : 0.62
        func impact(_ value: String?) -> Double { ["H": 0.56, "L": 0.22, "N": 0][value!]! }

        let iss = 1 - (1 - impact(m["C"])) * (1 - impact(m["I"])) * (1 - impact(m["A"]))
        let impactScore = scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
        let exploitability = 8.22 * attackVector * attackComplexity * privileges * userInteraction
        guard impactScore > 0 else { return CVSSScore(tenths: 0) }
        let sum = scopeChanged ? 1.08 * (impactScore + exploitability) : impactScore + exploitability
        return CVSSScore(tenths: roundUp(min(sum, 10)))
    }

    /// CVSS v3.1 Appendix A: the smallest one-decimal number at or above `value`, computed on an
    /// integer of 1/100,000ths so that 4.000000000000001 gives 4.0, not 4.1. Returns tenths.
    static func roundUp(_ value: Double) -> Int {
        let integer = Int((value * 100_000).rounded())
        return integer % 10_000 == 0 ? integer / 10_000 : integer / 10_000 + 1
    }
}
