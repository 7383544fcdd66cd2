import Testing
@testable import PinAuditCore

/// CVSS v4.0 base scores (CVSS-B).
@Suite struct CVSS4Tests {
    /// Vectors with the scores FIRST's v4.0 calculator gives (first.org/cvss/calculator/4.0),
    /// each chosen for a path through Section 8.2's interpolation.
    static let examples: [(why: String, vector: String, score: String, macroVector: String)] = [
        ("the most severe values everywhere", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", "10.0", "000100"),
        ("the calculator's default vector", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "9.3", "000200"),
        ("distances in several EQs", "CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:P/VC:L/VI:H/VA:L/SC:N/SI:L/SA:N", "4.4", "211200"),
        ("physical access, low impact", "CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", "2.4", "202201"),
        ("subsequent system impact only", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:H/SI:H/SA:H", "7.9", "002101"),
        ("the least severe values everywhere", "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:L/SI:L/SA:L", "1.0", "212201"),
    ]

    @Test(arguments: examples)
    func scoresOfTheReferenceCalculator(why: String, vector: String, score: String, macroVector: String) throws {
        let cvss = try CVSS4(vector: vector)
        #expect(cvss.macroVector == macroVector, "\(why)")
        #expect(cvss.baseScore.description == score, "\(why)")
    }

    /// Section 8.2: a vector with no impact on either system scores 0.0.
    @Test func noImpactScoresZero() throws {
        let cvss = try CVSS4(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N")
        #expect(cvss.baseScore == CVSSScore(tenths: 0))
        #expect(cvss.baseScore.rating == .none)
    }

    /// Threat, environmental and supplemental metrics are accepted (in the specification's order)
    /// and leave CVSS-B as it is; `fullScore` uses them as the reference calculator does
    /// (its CVSS-BT/BE/BTE scores for these vectors).
    @Test(arguments: [
        ("/E:U", "8.1", "CVSS-BT"),
        ("/E:A/CR:L/IR:M/AR:X/MAV:P/MSI:S", "9.1", "CVSS-BTE"),
        ("/E:P/MSI:S/MSA:S", "9.8", "CVSS-BTE"),
        ("/S:P/AU:Y/R:I/V:C/RE:H/U:Red", "9.3", "CVSS-B"),
        ("/E:X/U:Clear", "9.3", "CVSS-B"),
    ])
    func optionalMetricsLeaveTheBaseScore(suffix: String, full: String, nomenclature: String) throws {
        let cvss = try CVSS4(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" + suffix)
        #expect(cvss.baseScore.description == "9.3")
        #expect(cvss.fullScore.description == full)
        #expect(cvss.fullScoreNomenclature == nomenclature)
    }

    static let malformed: [(vector: String, problem: String)] = [
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", "base metric SA is missing"),
        ("CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "AV is out of order"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:H/E:A", "E is out of order"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "UI cannot be R (it is one of N, P, A)"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", "SI cannot be S"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red", "U cannot be red"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/S:U/C:H/I:H/A:H", "S cannot be U"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SA:N", "metric SA is given more than once"),
        ("CVSS:4.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "it is CVSS 4.1, not 4.0"),
        ("CVSS:4.0", "base metrics AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA are missing"),
    ]

    @Test(arguments: malformed)
    func malformedVectorsAreClearErrors(vector: String, problem: String) {
        #expect {
            _ = try CVSS4(vector: vector)
        } throws: { error in
            let description = "\(error)"
            return description.hasPrefix("invalid CVSS vector `\(vector)`: ") && description.contains(problem)
        }
    }

    /// Scores of FIRST's v4.0 calculator for every 97th of the 104,976 base vectors (Fixtures/cvss).
    @Test func referenceCalculatorSample() throws {
        let rows = try CVSSReferenceRows.read(try SourceFixtures.text("cvss/cvss40-base-sample.txt"))
        #expect(rows.count > 1_000)
        var wrong: [String] = []
        for row in rows where try CVSS4(vector: row.vector).baseScore.description != row.score {
            wrong.append("\(row.vector): \(try CVSS4(vector: row.vector).baseScore), expected \(row.score)")
        }
        #expect(wrong.isEmpty, "\(wrong.count) differ: \(wrong.prefix(5))")
    }

    /// Vectors with threat and environmental metrics: `fullScore` as the reference calculators
    /// score them with all metrics (Fixtures/cvss).
    @Test func referenceCalculatorFullScoreSample() throws {
        let rows = try CVSSReferenceRows.read(try SourceFixtures.text("cvss/cvss40-full-sample.txt"))
        #expect(rows.count == 400)
        for row in rows { #expect(try CVSS4(vector: row.vector).fullScore.description == row.score, "\(row.vector)") }
    }

    /// Every score of the v4.0 lookup table is in 0.1–10.0, and there are 270 MacroVectors.
    @Test func lookupTableShape() {
        #expect(CVSS4Tables.macroVectorScores.count == 270)
        #expect(CVSS4Tables.macroVectorScores.values.allSatisfy { (1...100).contains($0) })
    }
}
