/// A CVSS v4.0 vector and its base score (CVSS-B), computed as the v4.0 specification's Section 8
/// defines it: the vector's MacroVector (its EQ1…EQ6 levels) gives a score from FIRST's lookup
/// table, from which the mean proportional severity distance to the next lower MacroVector of
/// each EQ is taken away, rounded half up to one decimal.
///
/// Threat, environmental and supplemental metrics are checked but left out of the base score: it
/// is scored with their defaults (E:A, CR/IR/AR:H, no modified metrics), as CVSS-B. `fullScore`
/// uses them (CVSS-BT, -BE, -BTE); supplemental metrics never change a score.
///
/// ```swift
/// let cvss = try CVSS4(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
/// cvss.baseScore.description   // "9.3"
/// ```
public struct CVSS4: Hashable, Sendable {
    /// The vector as given.
    public let vector: String
    /// The MacroVector, six digits (EQ1…EQ6).
    public let macroVector: String
    /// The base score (CVSS-B).
    public let baseScore: CVSSScore

    /// Metrics and values of the specification's Table 23, in the order a vector must list them.
    static let definitions: [(name: String, values: [String])] = [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]),
        ("UI", ["N", "P", "A"]), ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]), ("VA", ["H", "L", "N"]),
        ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
        ("E", ["X", "A", "P", "U"]),
        ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
        ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MAT", ["X", "N", "P"]),
        ("MPR", ["X", "N", "L", "H"]), ("MUI", ["X", "N", "P", "A"]),
        ("MVC", ["X", "H", "L", "N"]), ("MVI", ["X", "H", "L", "N"]), ("MVA", ["X", "H", "L", "N"]),
        ("MSC", ["X", "H", "L", "N"]), ("MSI", ["X", "S", "H", "L", "N"]), ("MSA", ["X", "S", "H", "L", "N"]),
        ("S", ["X", "N", "P"]), ("AU", ["X", "N", "Y"]), ("R", ["X", "A", "U", "I"]), ("V", ["X", "D", "C"]),
        ("RE", ["X", "L", "M", "H"]), ("U", ["X", "Clear", "Green", "Amber", "Red"]),
    ]
    static let baseMetrics: Set<String> = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"]

    /// The score with every metric the vector gives: threat (E), environmental (CR/IR/AR and the
    /// modified base metrics). Equal to `baseScore` when the vector has base metrics only.
    public let fullScore: CVSSScore
    /// The specification's name for `fullScore` (Section 1.3): CVSS-B, CVSS-BT, CVSS-BE or CVSS-BTE.
    public let fullScoreNomenclature: String

    /// Parses and scores `vector`; throws `CVSSVectorError` for anything the v4.0 specification
    /// does not allow (unknown metrics or values, a metric twice or out of order, a base metric missing).
    public init(vector: String) throws(CVSSVectorError) {
        let text = try CVSSVectorText.parse(vector)
        guard text.version == "4.0" else {
            throw CVSSVectorError(vector: vector, problem: "it is CVSS \(text.version), not 4.0")
        }
        let given = try text.validated(vector, definitions: Self.definitions, mandatory: Self.baseMetrics, ordered: true)
        self.vector = vector
        let base = Self.effectiveMetrics(given.filter { Self.baseMetrics.contains($0.key) })
        let levels = Self.eqLevels(base)
        macroVector = levels.map(String.init).joined()
        baseScore = Self.score(base, levels: levels)
        let full = Self.effectiveMetrics(given)
        fullScore = Self.score(full, levels: Self.eqLevels(full))
        let threat = given["E", default: "X"] != "X"
        let environmental = given.contains { key, value in value != "X" && (key == "CR" || key == "IR" || key == "AR" || key.hasPrefix("M")) }
        fullScoreNomenclature = "CVSS-B" + (threat ? "T" : "") + (environmental ? "E" : "")
    }

    /// The values scoring uses (Section 8.1): a modified base metric replaces the base metric
    /// unless it is X; E defaults to A (Attacked) and CR/IR/AR to H, the worst case.
    static func effectiveMetrics(_ given: [String: String]) -> [String: String] {
        var m: [String: String] = [:]
        for metric in baseMetrics {
            if let modified = given["M" + metric], modified != "X" { m[metric] = modified } else { m[metric] = given[metric] }
        }
        m["E"] = given["E"].flatMap { $0 == "X" ? nil : $0 } ?? "A"
        for requirement in ["CR", "IR", "AR"] { m[requirement] = given[requirement].flatMap { $0 == "X" ? nil : $0 } ?? "H" }
        return m
    }

    /// Section 8.1, Tables 24–29: the level of each EQ (0 is the most severe).
    static func eqLevels(_ m: [String: String]) -> [Int] {
        let av = m["AV"], pr = m["PR"], ui = m["UI"]
        let eq1: Int
        if av == "N" && pr == "N" && ui == "N" { eq1 = 0 }
        else if (av == "N" || pr == "N" || ui == "N") && av != "P" { eq1 = 1 }
        else { eq1 = 2 }
        let eq2 = m["AC"] == "L" && m["AT"] == "N" ? 0 : 1
        let vc = m["VC"] == "H", vi = m["VI"] == "H", va = m["VA"] == "H"
        let eq3 = vc && vi ? 0 : (vc || vi || va ? 1 : 2)
        let eq4: Int
        if m["SI"] == "S" || m["SA"] == "S" { eq4 = 0 }   // only MSI/MSA can be S (Safety)
        else if m["SC"] == "H" || m["SI"] == "H" || m["SA"] == "H" { eq4 = 1 }
        else { eq4 = 2 }
        let eq5 = ["A": 0, "P": 1, "U": 2][m["E"] ?? "A"] ?? 0
        let eq6 = (m["CR"] == "H" && vc) || (m["IR"] == "H" && vi) || (m["AR"] == "H" && va) ? 0 : 1
        return [eq1, eq2, eq3, eq4, eq5, eq6]
    }

    /// Section 8.2: the MacroVector's score less the mean proportional distance, rounded.
    static func score(_ m: [String: String], levels: [Int]) -> CVSSScore {
        // No impact on either system scores 0.0, whatever the MacroVector.
        if ["VC", "VI", "VA", "SC", "SI", "SA"].allSatisfy({ m[$0] == "N" }) { return CVSSScore(tenths: 0) }
        func lookup(_ levels: [Int]) -> Int? { CVSS4Tables.macroVectorScores[levels.map(String.init).joined()] }
        guard let value = lookup(levels) else { return CVSSScore(tenths: 0) }
        let (eq1, eq2, eq3, eq4, eq5, eq6) = (levels[0], levels[1], levels[2], levels[3], levels[4], levels[5])
        func lowered(_ index: Int, by step: Int = 1) -> [Int] { var l = levels; l[index] += step; return l }

        // The score of the next lower MacroVector of each EQ; nil where there is none.
        let lower1 = lookup(lowered(0)), lower2 = lookup(lowered(1))
        let lower4 = lookup(lowered(3)), lower5 = lookup(lowered(4))
        let lower36: Int?
        switch (eq3, eq6) {
        case (0, 1), (1, 1): lower36 = lookup(lowered(2))
        case (1, 0): lower36 = lookup(lowered(5))
        case (0, 0):
            // Two ways down (EQ6 or EQ3); the higher of the two scores is the next lower MacroVector.
            let viaEQ6 = lookup(lowered(5)), viaEQ3 = lookup(lowered(2))
            lower36 = [viaEQ6, viaEQ3].compactMap { $0 }.max()
        default: lower36 = nil
        }

        // The severity distance from the first highest-severity vector of the MacroVector that
        // is at least as severe as this one in every metric.
        let distances = distancesFromHighestVector(m, eq: (eq1, eq2, eq3, eq4, eq5, eq6))
        func sum(_ metrics: [String]) -> Int { metrics.reduce(0) { $0 + (distances[$1] ?? 0) } }
        let parts: [(lower: Int?, distance: Int, depth: Int)] = [
            (lower1, sum(["AV", "PR", "UI"]), CVSS4Tables.depth[1]![eq1]!),
            (lower2, sum(["AC", "AT"]), CVSS4Tables.depth[2]![eq2]!),
            (lower36, sum(["VC", "VI", "VA", "CR", "IR", "AR"]), CVSS4Tables.eq3eq6Depth[eq3]![eq6]!),
            (lower4, sum(["SC", "SI", "SA"]), CVSS4Tables.depth[4]![eq4]!),
            (lower5, 0, CVSS4Tables.depth[5]![eq5]!),   // EQ5's distance is always 0
        ]
        var total = 0.0
        var existing = 0
        for part in parts {
            guard let lower = part.lower else { continue }
            existing += 1
            let available = Double(value - lower) / 10
            total += available * (Double(part.distance) / Double(part.depth))
        }
        let mean = existing == 0 ? 0 : total / Double(existing)
        let raw = min(max(Double(value) / 10 - mean, 0), 10)
        // Half up at one decimal, lifted by 1e-6 first as FIRST's calculator does: the
        // interpolation can land one ULP below an x.x5 tie.
        return CVSSScore(tenths: Int(((raw + 0.000001) * 10).rounded(.toNearestOrAwayFromZero)))
    }

    /// Metric → severity steps between the vector and the highest-severity vector it falls under.
    private static func distancesFromHighestVector(_ m: [String: String], eq: (Int, Int, Int, Int, Int, Int)) -> [String: Int] {
        let candidates1 = CVSS4Tables.highestVectors[1]![eq.0]!, candidates2 = CVSS4Tables.highestVectors[2]![eq.1]!
        let candidates36 = CVSS4Tables.highestEQ3EQ6Vectors[eq.2]?[eq.5] ?? []
        let candidates4 = CVSS4Tables.highestVectors[4]![eq.3]!, candidates5 = CVSS4Tables.highestVectors[5]![eq.4]!
        var distances: [String: Int] = [:]
        for a in candidates1 {
            for b in candidates2 {
                for c in candidates36 {
                    for d in candidates4 {
                        for e in candidates5 {
                            let highest = a.merging(b) { x, _ in x }.merging(c) { x, _ in x }.merging(d) { x, _ in x }
                                .merging(e) { x, _ in x }
                            distances = [:]
                            for (metric, steps) in CVSS4Tables.steps {
                                guard let own = m[metric].flatMap({ steps[$0] }),
                                      let top = highest[metric].flatMap({ steps[$0] }) else { continue }
                                distances[metric] = own - top
                            }
                            if distances.values.allSatisfy({ $0 >= 0 }) { return distances }
                        }
                    }
                }
            }
        }
        return distances   // none at or above the vector: the last one, as the reference calculator does
    }
}
