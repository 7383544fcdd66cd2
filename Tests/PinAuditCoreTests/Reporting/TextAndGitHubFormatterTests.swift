import Testing
@testable import PinAuditCore

@Suite struct TextAndGitHubFormatterTests {
    /// Every line of the text report fits 80 columns (a single word longer than that excepted),
    /// and nothing of a finding is lost in the wrapping.
    @Test func textLinesFitEightyColumns() {
        var report = SampleReports.audit
        report.findings.append(Finding(rule: .outdated, severity: .note, package: "averyveryveryverylongpackagename",
                                       location: SourceLocation(file: "requirements/some/deeply/nested/path.txt", line: 123),
                                       message: String(repeating: "word ", count: 60) + "end."))
        let text = TextFormatter.format(report)
        for line in text.split(separator: "\n") {
            #expect(line.count <= 80, "\(line)")
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        #expect(words.filter { $0 == "word" }.count == 60)
        #expect(text.contains("  requirements/some/deeply/nested/path.txt:123:\n    averyveryveryverylongpackagename: word"))
        // A message's own line breaks are folded into the wrapping.
        #expect(text.contains("[link]. Second line."))
        #expect(text.contains("\n    "), "continuation lines are indented")
    }

    /// The table lists pins behind their latest release by PEP 440: `1.0.0` is not behind `1.0`,
    /// and a pin to a version the index never had is not behind an older latest.
    @Test func theOutdatedTableComparesVersions() {
        func package(_ name: String, _ version: String, latest: String) -> PackageReport {
            var p = PackageReport(name: name, version: version, direct: true)
            p.latest = latest
            return p
        }
        let table = TextFormatter.outdatedTable([package("same", "1.0.0", latest: "1.0"), package("ahead", "1.2", latest: "1.0"),
                                                 package("behind", "1.0", latest: "1.0.1")], style: .plain)
        #expect(table.contains("behind"))
        #expect(!table.contains("same") && !table.contains("ahead"))
    }

    /// Notes (what could not be checked) become notice annotations, so CI shows them too.
    @Test func gitHubAnnotationsCarryTheNotes() {
        let out = GitHubFormatter.format(SampleReports.audit)
        #expect(out.contains("::notice title=pinaudit::The index publishes no per-version vulnerability data for 1 package (flask)"))
        #expect(out.hasSuffix("\(GitHubFormatter.summaryLine(SampleReports.audit))\n"))
    }
}
