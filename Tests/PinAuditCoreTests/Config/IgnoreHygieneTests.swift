import Foundation
import PinAuditCore
import Testing

/// Ignores that matched nothing are reported (`ignore-unused`, a note naming the rule), so stale
/// ignores get cleaned up.
struct IgnoreHygieneTests {
    static let today = CalendarDay(year: 2025, month: 6, day: 1)!
    static let vulnerable = Finding(rule: .vulnerable, package: "django", location: SourceLocation(file: "requirements.txt", line: 4),
                                    message: "django 3.2.0 is affected by GHSA-aaaa-bbbb-cccc (also CVE-2023-1234): bad.")

    static func configuration(_ text: String) throws -> Configuration {
        try #require(try ConfigurationParser.parse(text, file: ".pinaudit.toml"))
    }

    @Test func anIgnoreThatMatchedNothingIsANoteAtItsPlace() throws {
        let c = try Self.configuration("""
            [[ignore]]
            rule = "vulnerable"
            id = "CVE-2023-1234"
            reason = "not reachable"

            [[ignore]]
            rule = "vulnerable"
            package = "flask"
            id = "GHSA-gone-gone-gone"
            reason = "fixed upstream long ago"
            """)
        let findings = c.applying(to: [Self.vulnerable], today: Self.today, reportingUnusedIgnores: true)
        #expect(findings.count == 1)
        let unused = try #require(findings.first)
        #expect(unused.rule == .ignoreUnused && unused.severity == .note)
        #expect(unused.package == "flask")
        #expect(unused.location == SourceLocation(file: ".pinaudit.toml", line: 6))
        #expect(unused.message.contains("`vulnerable` for flask (GHSA-gone-gone-gone)"), "\(unused.message)")
        #expect(unused.message.contains("Remove the ignore"))
    }

    @Test func aRunThatCannotSeeEveryFindingDoesNotReportUnusedIgnores() throws {
        let c = try Self.configuration("[[ignore]]\nrule = \"outdated\"\nreason = \"quarterly\"\n")
        #expect(c.applying(to: [], today: Self.today).isEmpty)
        #expect(c.applying(to: [], today: Self.today, reportingUnusedIgnores: true).map(\.rule) == [.ignoreUnused])
    }

    @Test func anExpiredIgnoreIsReportedAsExpiredOnly() throws {
        let c = try Self.configuration("[[ignore]]\nrule = \"outdated\"\nreason = \"quarterly\"\nuntil = \"2025-03-31\"\n")
        #expect(c.applying(to: [], today: Self.today, reportingUnusedIgnores: true).map(\.rule) == [.ignoreExpired])
    }

    @Test func aCommandLineIgnoreSaysItCameFromTheFlag() {
        var c = Configuration()
        c.ignores.append(IgnoreRule(rule: .vulnerable, id: "PYSEC-2099-1", reason: "--ignore-vuln on the command line"))
        let findings = c.applying(to: [Self.vulnerable], today: Self.today, reportingUnusedIgnores: true)
        #expect(findings.count == 2)
        #expect(findings.last?.message.contains("given by `--ignore-vuln PYSEC-2099-1`") == true, "\(findings)")
    }
}
