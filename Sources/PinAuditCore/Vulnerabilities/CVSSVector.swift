/// A CVSS vector string split into its version and its metrics, before any version's rules are
/// applied: `CVSS:3.1/AV:N/AC:L/...` → version `3.1`, metrics `[("AV", "N"), ("AC", "L"), ...]`.
/// `CVSS3` and `CVSS4` check the metrics against their specification.
struct CVSSVectorText: Sendable {
    var version: String
    var metrics: [(name: String, value: String)]

    /// Splits `text`, rejecting what no CVSS version allows: a missing `CVSS:` prefix, an empty
    /// part, a part without one `:`, a metric given twice, text with spaces.
    static func parse(_ text: String) throws(CVSSVectorError) -> CVSSVectorText {
        guard !text.isEmpty else { throw CVSSVectorError(vector: text, problem: "the vector is empty") }
        guard !text.contains(where: \.isWhitespace) else {
            throw CVSSVectorError(vector: text, problem: "a vector has no spaces or line breaks")
        }
        var parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let prefix = parts.removeFirst()
        guard prefix.hasPrefix("CVSS:"), prefix.count > 5 else {
            throw CVSSVectorError(vector: text, problem: "it does not start with `CVSS:` and a version, as in `CVSS:3.1/`")
        }
        var metrics: [(name: String, value: String)] = []
        var seen: Set<String> = []
        for part in parts {
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else {
                let shown = part.isEmpty ? "an empty part (two `/` in a row, or a trailing `/`)" : "`\(part)`, which is not METRIC:VALUE"
                throw CVSSVectorError(vector: text, problem: "it has \(shown)")
            }
            let name = String(pieces[0])
            guard seen.insert(name).inserted else {
                throw CVSSVectorError(vector: text, problem: "metric \(name) is given more than once")
            }
            metrics.append((name, String(pieces[1])))
        }
        return CVSSVectorText(version: String(prefix.dropFirst(5)), metrics: metrics)
    }

    /// Checks every metric against `definitions` (name → allowed values, in the specification's
    /// order), and that every mandatory metric is present; `ordered` also requires the
    /// specification's order (CVSS v4.0 does, v3.x accepts any order). Returns name → value.
    func validated(_ vector: String, definitions: [(name: String, values: [String])], mandatory: Set<String>,
                   ordered: Bool) throws(CVSSVectorError) -> [String: String] {
        let positions = Dictionary(uniqueKeysWithValues: definitions.enumerated().map { ($1.name, $0) })
        var values: [String: String] = [:]
        var lastPosition = -1
        for metric in metrics {
            guard let position = positions[metric.name] else {
                throw CVSSVectorError(vector: vector, problem: "CVSS \(version) has no metric \(metric.name)")
            }
            let allowed = definitions[position].values
            guard allowed.contains(metric.value) else {
                throw CVSSVectorError(vector: vector, problem: "\(metric.name) cannot be \(metric.value) (it is one of \(allowed.joined(separator: ", ")))")
            }
            if ordered && position < lastPosition {
                throw CVSSVectorError(vector: vector, problem: "\(metric.name) is out of order: CVSS \(version) lists metrics in the specification's order (\(definitions.map(\.name).filter { mandatory.contains($0) }.joined(separator: "/")) first)")
            }
            lastPosition = position
            values[metric.name] = metric.value
        }
        let missing = definitions.map(\.name).filter { mandatory.contains($0) && values[$0] == nil }
        guard missing.isEmpty else {
            throw CVSSVectorError(vector: vector, problem: "base metric\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") missing")
        }
        return values
    }
}

/// A CVSS vector that cannot be scored, and why.
public struct CVSSVectorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The vector as given.
    public var vector: String
    public var problem: String

    public var description: String { "invalid CVSS vector `\(vector)`: \(problem)" }
}
