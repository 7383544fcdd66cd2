import Testing
@testable import PinAuditCore

/// CVSS v3.0 and v3.1 base scores.
@Suite struct CVSS3Tests {
    /// Worked examples of FIRST's "CVSS v3.1: Examples" document (each example's name and CVE as
    /// the document titles it; vectors and base scores as it gives them).
    static let examples: [(example: String, vector: String, score: String)] = [
        ("phpMyAdmin Reflected Cross-site Scripting Vulnerability (CVE-2013-1937)", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "6.1"),
        ("SSLv3 POODLE Vulnerability (CVE-2014-3566)", "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", "3.1"),
        ("VMware Guest to Host Escape Vulnerability (CVE-2012-1516)", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", "9.9"),
        ("Cisco IOS Arbitrary Command Execution Vulnerability (CVE-2012-0384)", "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "8.8"),
        ("Apple iWork Denial of Service Vulnerability (CVE-2015-1098)", "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "7.8"),
        ("OpenSSL Heartbleed Vulnerability (CVE-2014-0160)", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "7.5"),
        ("GNU Bourne-Again Shell (Bash) 'Shellshock' Vulnerability (CVE-2014-6271)", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "9.8"),
        ("DNS Kaminsky Bug (CVE-2008-1447)", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N", "6.8"),
        ("Sophos Login Screen Bypass Vulnerability (CVE-2014-2005)", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "6.8"),
        ("Joomla Directory Traversal Vulnerability (CVE-2010-0467)", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", "5.8"),
        ("DokuWiki Reflected Cross-site Scripting Attack (CVE-2014-9253)", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", "5.4"),
        ("Adobe Acrobat Buffer Overflow Vulnerability (CVE-2009-0658)", "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "7.8"),
        ("Microsoft Windows Bluetooth Remote Code Execution Vulnerability (CVE-2011-1265)", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "8.8"),
        ("Apple iOS Security Control Bypass Vulnerability (CVE-2014-2019)", "CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", "4.6"),
        ("Google Chrome Sandbox Bypass Vulnerability (CVE-2012-5376)", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H", "9.6"),
    ]

    @Test(arguments: examples)
    func examplesOfTheSpecification(example: String, vector: String, score: String) throws {
        #expect(try CVSS3(vector: vector).baseScore.description == score, "\(example)")
        // The v3.0 Examples document scores the same vectors the same (the base equations did not change).
        let v30 = vector.replacingOccurrences(of: "CVSS:3.1/", with: "CVSS:3.0/")
        #expect(try CVSS3(vector: v30).baseScore.description == score, "\(example), v3.0")
    }

    /// CVSS v3.1 Specification, Appendix A: Roundup(4.02) is 4.1 and Roundup(4.00) is 4.0, and the
    /// integer step keeps floating-point noise above 4.0 from rounding up to 4.1.
    @Test func roundUpAsAppendixADefinesIt() {
        #expect(CVSS3.roundUp(4.02) == 41)
        #expect(CVSS3.roundUp(4.00) == 40)
        #expect(CVSS3.roundUp(4.000_000_000_000_001) == 40)
        #expect(CVSS3.roundUp(0.000_01) == 1)
        #expect(CVSS3.roundUp(9.95) == 100)
    }

    /// Specification Section 7.1: an impact of 0 or less scores 0.0 whatever the exploitability.
    @Test func noImpactScoresZero() throws {
        #expect(try CVSS3(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N").baseScore == CVSSScore(tenths: 0))
        #expect(try CVSS3(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N").baseScore.rating == .none)
    }

    /// Specification Section 6: metrics in any order, temporal and environmental ones optional
    /// (explicit `X` allowed); they do not change the base score.
    @Test func anyOrderAndOptionalMetrics() throws {
        let plain = try CVSS3(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N").baseScore
        for vector in ["CVSS:3.1/A:N/I:L/C:L/S:C/UI:R/PR:N/AC:L/AV:N",
                       "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:U/RL:O/RC:C",
                       "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:X/CR:H/MAV:L/MS:U/MC:H"] {
            #expect(try CVSS3(vector: vector).baseScore == plain, "\(vector)")
        }
    }

    static let malformed: [(vector: String, problem: String)] = [
        ("", "the vector is empty"),
        ("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "does not start with `CVSS:`"),
        ("CVSS:/AV:N", "does not start with `CVSS:` and a version"),
        ("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "it is CVSS 3.2, not 3.0 or 3.1"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "base metric A is missing"),
        ("CVSS:3.1/AV:N", "base metrics AC, PR, UI, S, C, I, A are missing"),
        ("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV cannot be X (it is one of N, A, L, P)"),
        ("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV cannot be n"),
        ("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "metric AV is given more than once"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "an empty part"),
        ("CVSS:3.1//AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "an empty part"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H:H", "`A:H:H`, which is not METRIC:VALUE"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A", "`A`, which is not METRIC:VALUE"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N", "CVSS 3.1 has no metric AT"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z", "E cannot be Z"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MS:X/MS:C", "metric MS is given more than once"),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/ A:H", "no spaces"),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "it is CVSS 4.0, not 3.0 or 3.1"),
    ]

    @Test(arguments: malformed)
    func malformedVectorsAreClearErrors(vector: String, problem: String) {
        #expect {
            _ = try CVSS3(vector: vector)
        } throws: { error in
            let description = "\(error)"
            return description.hasPrefix("invalid CVSS vector `\(vector)`: ") && description.contains(problem)
        }
    }

    /// Every valid v3 base vector (all 2,592 of each version), and the same vectors with
    /// temporal and environmental metrics added in a shuffled order, scores in 0.0–10.0 with one
    /// decimal; the optional metrics never change the base score.
    @Test func everyValidVectorScoresInRangeWithOneDecimal() throws {
        var generator = SeededGenerator(seed: 0x5EED)
        let optional = CVSS3.definitions.filter { !CVSS3.baseMetrics.contains($0.name) }
        var scored = 0
        for version in ["3.0", "3.1"] {
            for base in Self.allBaseVectors() {
                let score = try CVSS3(vector: "CVSS:\(version)/" + base.joined(separator: "/")).baseScore
                #expect((0...100).contains(score.tenths))
                let text = score.description
                #expect(text.split(separator: ".").count == 2 && text.split(separator: ".")[1].count == 1, "\(text)")
                #expect(Double(text) == score.value)
                // One in eight again with random optional metrics, all parts shuffled.
                if generator.next() % 8 == 0 {
                    var parts = base
                    for metric in optional where generator.next() % 2 == 0 {
                        parts.append("\(metric.name):\(metric.values[Int(generator.next() % UInt64(metric.values.count))])")
                    }
                    parts.shuffle(using: &generator)
                    #expect(try CVSS3(vector: "CVSS:\(version)/" + parts.joined(separator: "/")).baseScore == score)
                }
                scored += 1
            }
        }
        #expect(scored == 2 * 2_592)
    }

    /// Scores of FIRST's v3.1 calculator for a sample of base vectors (Fixtures/cvss).
    @Test func referenceCalculatorSample() throws {
        let rows = try CVSSReferenceRows.read(try SourceFixtures.text("cvss/cvss31-base-sample.txt"))
        #expect(rows.count > 200)
        for row in rows { #expect(try CVSS3(vector: row.vector).baseScore.description == row.score, "\(row.vector)") }
    }

    static func allBaseVectors() -> [[String]] {
        var vectors: [[String]] = [[]]
        for metric in CVSS3.definitions where CVSS3.baseMetrics.contains(metric.name) {
            vectors = vectors.flatMap { prefix in metric.values.map { prefix + ["\(metric.name):\($0)"] } }
        }
        return vectors
    }
}

/// `VECTOR SCORE` lines (lines starting with `#` are comments).
enum CVSSReferenceRows {
    static func read(_ text: String) throws -> [(vector: String, score: String)] {
        text.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("#") }.compactMap { line in
            let parts = line.split(separator: " ")
            return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
        }
    }
}
