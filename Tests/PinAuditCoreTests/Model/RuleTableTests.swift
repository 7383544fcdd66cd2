import Foundation
import Testing
@testable import PinAuditCore

/// The README's rule table is generated from `Rule`: this fails when it is stale, and with
/// `PINAUDIT_RECORD_DOCS=1` writes the current table into the README instead.
@Suite struct RuleTableTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md")

    @Test func theReadmeTableIsCurrent() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let current = try #require(RuleTable.updating(text), "README.md lacks the rules table markers")
        if ProcessInfo.processInfo.environment["PINAUDIT_RECORD_DOCS"] == "1" {
            try current.write(to: Self.readme, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == text, "README.md's rules table is stale: run `PINAUDIT_RECORD_DOCS=1 swift test --filter RuleTableTests`")
    }

    @Test func everyRuleHasARowWithItsSeverity() {
        let table = RuleTable.markdown()
        for rule in Rule.allCases {
            #expect(table.contains("| `\(rule.rawValue)` | \(RuleTable.severityText(rule)) | \(rule.summary) |"))
        }
        #expect(table.split(separator: "\n").count == Rule.allCases.count + 2)
    }
}
