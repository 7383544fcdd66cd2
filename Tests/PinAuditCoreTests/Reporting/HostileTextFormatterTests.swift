import Foundation
import Testing
@testable import PinAuditCore
import TestSupport

/// Every formatter of reports and plans fed index text and file text that tries to act on a
/// terminal, a GitHub log or an issue body (`HostileText`): nothing acts, nothing is lost.
@Suite struct HostileTextFormatterTests {
    typealias F = AuditFakeIndex
    static let hostile = HostileText.all
    static let hostileFile = "req\(HostileText.bidi)\(HostileText.csi).txt"

    /// An audit of two pins whose index facts are hostile, through the audit itself, so the
    /// messages are the ones pinaudit writes; a file name and a note hostile too.
    static func report(command: String = "audit") -> Report {
        let project = F.project("evil", [F.release("1.0", yanked: true, reason: hostile), F.release("1.1")],
                                urls: ["Changelog": HostileText.dataURL, "Homepage": HostileText.javascriptURL])
        let vulnerability = Vulnerability(id: "GHSA-\(HostileText.osc8)", aliases: [HostileText.workflowCommands], fixedIn: ["1.1"],
                                          summary: hostile, link: HostileText.javascriptURL)
        let metadata = VersionMetadata(name: "evil", version: "1.0", requiresDist: [], vulnerabilities: [vulnerability])
        let location = SourceLocation(file: hostileFile, line: 1)
        let audit = PackageAudit.audit(AuditPin(name: "evil", version: "1.0", location: location), project: project,
                                       metadata: metadata, options: F.options())
        var package = PackageReport(name: "evil", version: "1.0", direct: true, location: location)
        package.latest = audit.latest; package.yanked = audit.yanked; package.yankedReason = audit.yankedReason
        package.vulnerabilities = audit.vulnerabilities
        package.pageURL = HostileText.javascriptURL
        package.projectURLs = project.projectURLs
        var findings = audit.findings
        findings.append(Finding(rule: .parseError, package: "odd\(HostileText.nulBackspace)", location: location,
                                message: "cannot read `\(HostileText.markup)`\n    \(HostileText.oscTitle)\n    ^"))
        return Report(command: command, files: [hostileFile], packages: [package], findings: findings, notes: [hostile],
                      targets: ["3.12/linux"])
    }

    @Test func theAuditCarriesTheHostileText() {
        let report = Self.report()
        #expect(report.findings.map(\.rule).contains(.yanked) && report.findings.map(\.rule).contains(.vulnerable))
        #expect(report.findings.contains { $0.message.contains(HostileText.csi) })
        // The audit writes no link that is not a web link into a message.
        #expect(!report.findings.contains { $0.message.contains(HostileText.javascriptURL) })
    }

    @Test(arguments: ["check", "audit"])
    func textIsSafe(command: String) {
        let text = TextFormatter.format(Self.report(command: command))
        #expect(HostileText.problems(in: text) == [])
        #expect(text.contains("\\x1b[2J"), "controls are shown, readably")
        #expect(text.contains("\\u202e"))
    }

    @Test func gitHubAnnotationsAreOneLineEach() {
        let report = Self.report()
        let out = GitHubFormatter.format(report)
        #expect(HostileText.problems(in: out, annotations: true) == [])
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == report.findings.count + report.notes.count + 1, "one line per finding and note, and the summary")
        #expect(lines.dropLast().allSatisfy(HostileText.isAnnotation))
        #expect(lines.last == Substring(GitHubFormatter.summaryLine(report)))
        #expect(out.contains("%0D%0A"), "line breaks are GitHub-escaped, not dropped")
    }

    @Test func markdownRendersTheTextAsText() {
        let markdown = MarkdownFormatter.format(Self.report())
        #expect(HostileText.problems(in: markdown, markdown: true) == [])
        #expect(markdown.contains("\\[click\\](javascript:alert('text'))"), "a link in the text is escaped, not followed")
        #expect(markdown.contains("\\<img src=x onerror=alert(1)\\>"))
    }

    @Test func sarifIsValidAndShowsControls() throws {
        let sarif = SARIFFormatter.format(Self.report(), toolVersion: "1.0")
        #expect(HostileText.problems(in: sarif) == [])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let results = try #require(((document["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        let texts = results.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(texts.count == Self.report().findings.count)
        for text in texts { #expect(HostileText.rawControls(in: text).filter { $0 != "U+D" } == [], "\(text)") }
    }

    /// JSON keeps the index's text exactly (a reader decodes the original) with every control
    /// escaped, and passes on no link that is not a web link.
    @Test func jsonKeepsTheTextAndEscapesIt() throws {
        let json = JSONFormatter.format(Self.report())
        #expect(HostileText.problems(in: json) == [])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let package = try #require((document["packages"] as? [[String: Any]])?.first)
        #expect(package["yanked_reason"] as? String == Self.hostile)
        let vulnerability = try #require((package["vulnerabilities"] as? [[String: Any]])?.first)
        #expect(vulnerability["summary"] as? String == Self.hostile)
        #expect(vulnerability["link"] is NSNull)
        #expect(document["notes"] as? [String] == [Self.hostile])
    }

    // MARK: - Plans

    static func plan() async throws -> Plan {
        var index = PlanTesting.awsIndex
        index.add("jmespath", "1.0.2", uploaded: "2024-01-01T00:00:00Z")
        index.add("evil", "1.0", yanked: true, yankedReason: hostile, uploaded: "2023-01-01T00:00:00Z")
        index.add("evil", "1.1", uploaded: "2023-02-01T00:00:00Z")
        index.projects["evil"]!.name = "Evil\(HostileText.csi)\(HostileText.bidi)"
        index.projects["evil"]!.projectURLs = ["Changelog": HostileText.javascriptURL, "Release notes": HostileText.dataURL]
        index.projects["evil"]!.pageURL = HostileText.javascriptURL
        index.metadata["urllib3==1.26.18"]!.vulnerabilities = [
            Vulnerability(id: "GHSA-\(HostileText.oscTitle)", aliases: [HostileText.markup], fixedIn: ["1.26.19"],
                          summary: hostile, link: HostileText.javascriptURL)]
        index.add("urllib3", "1.26.19", uploaded: "2024-05-31T00:00:00Z")
        return try await PlanTesting.plan(PlanTesting.awsPins + "evil==1.0\n", index, policy: PlanTesting.policy(maxLevel: .patch))
    }

    @Test func planFormatsAreSafe() async throws {
        let plan = try await Self.plan()
        #expect(plan.steps.contains { $0.moves.contains { $0.name == "evil" } } && plan.steps.contains { $0.moves.contains { $0.name == "urllib3" } })
        let text = PlanFormatter.text(plan)
        #expect(HostileText.problems(in: text) == [])
        #expect(text.contains("\\x1b[2J"))
        let markdown = PlanFormatter.markdown(plan)
        #expect(HostileText.problems(in: markdown, markdown: true) == [])
        let json = PlanFormatter.json(plan)
        #expect(HostileText.problems(in: json) == [])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let moves = (document["steps"] as? [[String: Any]] ?? []).flatMap { $0["packages"] as? [[String: Any]] ?? [] }
        let evil = try #require(moves.first { $0["name"] as? String == "evil" })
        #expect(evil["display_name"] as? String == "Evil\(HostileText.csi)\(HostileText.bidi)")
        #expect((evil["reasons"] as? [[String: Any]])?.first?["yanked_reason"] as? String == Self.hostile)
        #expect(evil["link"] is NSNull)
    }

    /// `plan --apply --dry-run` shows a stranger's file: its controls shown, its CRLF ends kept.
    @Test func dryRunDiffsShowControls() {
        let old = "evil==1.0  # \(HostileText.csi) \(HostileText.workflowCommands.replacingOccurrences(of: "\n", with: " "))\r\nsix==1.0\r\n"
        let new = old.replacingOccurrences(of: "evil==1.0", with: "evil==1.1")
        let diff = RequirementsRewriter.unifiedDiff(old: old, new: new, path: Self.hostileFile)
        #expect(HostileText.problems(in: diff.replacingOccurrences(of: "\r\n", with: "\n")) == [])
        #expect(diff.contains("+evil==1.1  # \\x1b[2J"))
        // A CRLF file is diffed line by line (as Characters, CRLF would hide every line break).
        #expect(diff.contains("@@ -1,2 +1,2 @@\n"))
        #expect(diff.contains(" six==1.0\r\n"))
    }
}
