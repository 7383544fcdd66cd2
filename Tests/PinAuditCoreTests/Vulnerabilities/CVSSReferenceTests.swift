import Foundation
import Testing
@testable import PinAuditCore

/// Every base vector against the full tables `scripts/cvss-reference.py` writes from the `cvss`
/// package (FIRST's calculators); runs when `PINAUDIT_CVSS_REFERENCE` names their folder, and
/// says it skipped otherwise. The samples in Fixtures/cvss run always (CVSS3Tests, CVSS4Tests).
@Suite struct CVSSReferenceTests {
    static let folder = ProcessInfo.processInfo.environment["PINAUDIT_CVSS_REFERENCE"]

    @Test(.enabled(if: folder != nil, "set PINAUDIT_CVSS_REFERENCE to the folder scripts/cvss-reference.py writes"),
          arguments: ["cvss3.txt", "cvss4.txt", "cvss4-full.txt"])
    func everyBaseVector(file: String) throws {
        let text = try String(contentsOfFile: (Self.folder ?? "") + "/" + file, encoding: .utf8)
        let rows = try CVSSReferenceRows.read(text)
        var wrong: [String] = []
        for row in rows {
            // The full file's scores use every metric given; the others are base vectors.
            let score = file == "cvss4-full.txt" ? try CVSS4(vector: row.vector).fullScore
                : try #require(try VulnerabilitySeverity(cvssVector: row.vector).score)
            if score.description != row.score { wrong.append("\(row.vector): \(score), expected \(row.score)") }
        }
        #expect(rows.count == ["cvss3.txt": 5_184, "cvss4.txt": 104_976, "cvss4-full.txt": 20_000][file])
        #expect(wrong.isEmpty, "\(wrong.count) of \(rows.count) differ: \(wrong.prefix(10))")
    }
}
