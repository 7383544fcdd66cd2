import Foundation
import Testing
@testable import PinAuditCore
import PythonPackaging
import TestSupport

/// Reports shared by the Markdown and SARIF tests.
enum SampleReports {
    static func entry(_ text: String, file: String = "requirements.txt", line: Int) -> RequirementEntry {
        RequirementEntry(requirement: try? Requirement(text), location: SourceLocation(file: file, line: line))
    }

    static var audit: Report {
        var django = PackageReport(name: "django", version: "3.2.0", direct: true, location: SourceLocation(file: "requirements.txt", line: 3))
        django.pageURL = "https://index.example/project/django/"
        django.projectURLs = ["Homepage": "https://www.djangoproject.example/", "Release Notes": "https://docs.example/releases (latest)"]
        django.latest = "5.1.4"
        var torch = PackageReport(name: "torch", version: "2.1.0", direct: true, location: SourceLocation(file: "requirements/gpu.txt", line: 1))
        torch.pageURL = "https://index.example/project/torch/"
        torch.latest = "2.5.1"
        let flask = PackageReport(name: "flask", version: "3.0.0", direct: false, requiredBy: ["app"])
        return Report(
            command: "audit",
            files: ["requirements.txt", "requirements/gpu.txt"],
            requirements: [entry("django==3.2.0", line: 3), entry("torch==2.1.0", file: "requirements/gpu.txt", line: 1),
                           entry("flask==3.0.0", line: 4)],
            packages: [django, torch, flask],
            findings: [
                Finding(rule: .outdated, severity: .warning, package: "django", location: SourceLocation(file: "requirements.txt", line: 3),
                        message: "django 3.2.0 is outdated: 5.1.4 is available (major update). Update the pin to `django==5.1.4`."),
                Finding(rule: .vulnerable, package: "django", location: SourceLocation(file: "requirements.txt", line: 3),
                        message: "django 3.2.0 is affected by GHSA-aaaa-bbbb-cccc: `QuerySet | filter` with <script> & *stars*_x_ [link].\nSecond line."),
                Finding(rule: .localVersionAmbiguous, package: "torch", location: SourceLocation(file: "requirements/gpu.txt", line: 1),
                        message: "The index serves local builds of torch 2.1.0 (2.1.0+cu121)."),
                Finding(rule: .vulnerable, package: "flask", location: SourceLocation(file: "requirements.txt", line: 4),
                        message: "flask 3.0.0 is affected by PYSEC-2024-1."),
                Finding(rule: .ignoreExpired, message: "The ignore of `outdated` expired on 2025-03-31 (reason was: quarterly)."),
            ],
            incomplete: true,
            notes: ["The index publishes no per-version vulnerability data for 1 package (flask); their vulnerabilities were not checked."],
            targets: ["3.12/linux"])
    }

    static var clean: Report {
        Report(command: "audit", files: ["requirements.txt"], requirements: [entry("six==1.16.0", line: 1)],
               packages: [PackageReport(name: "six", version: "1.16.0", direct: true)], targets: ["3.12/linux"])
    }
}

struct MarkdownFormatterTests {
    /// Compares with `Fixtures/audit/markdown/<name>.md`; `PINAUDIT_RECORD=1` writes the file instead.
    func assertGolden(_ text: String, _ name: String, sourceFile: String = #filePath) throws {
        let url = TestFolders.target(of: sourceFile).appendingPathComponent("Fixtures/audit/markdown/\(name).md")
        if ProcessInfo.processInfo.environment["PINAUDIT_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "differs from \(url.path); run with PINAUDIT_RECORD=1 to re-record")
    }

    @Test func auditReportGolden() throws {
        try assertGolden(MarkdownFormatter.format(SampleReports.audit), "audit")
    }

    @Test func cleanReportGolden() throws {
        try assertGolden(MarkdownFormatter.format(SampleReports.clean), "clean")
    }

    @Test func deterministicRegardlessOfFindingOrder() {
        var shuffled = SampleReports.audit
        shuffled.findings.reverse()
        #expect(MarkdownFormatter.format(shuffled) == MarkdownFormatter.format(SampleReports.audit))
    }

    @Test func cellsEscapePipesAndMarkdown() {
        let text = MarkdownFormatter.format(SampleReports.audit)
        let row = text.split(separator: "\n").first { $0.contains("GHSA-aaaa-bbbb-cccc") }.map(String.init) ?? ""
        #expect(row.contains(#"\`QuerySet \| filter\` with \<script\> &amp; \*stars\*\_x\_ \[link\].<br>Second line."#))
        // Five columns: six unescaped pipes.
        var unescapedPipes = 0
        var previous: Character = " "
        for c in row {
            if c == "|" && previous != "\\" { unescapedPipes += 1 }
            previous = c
        }
        #expect(unescapedPipes == 6)
    }

    @Test func linksToPageAndChangelog() {
        let text = MarkdownFormatter.format(SampleReports.audit)
        #expect(text.contains("[django](https://index.example/project/django/)"))
        #expect(text.contains("[changelog](https://docs.example/releases%20%28latest%29)"))
    }

    /// Only web links count: a `javascript:` changelog gives way to the next changelog label.
    @Test(arguments: [
        (["Changelog": "https://a.example/"], "https://a.example/"), (["CHANGES": "http://b.example/"], "http://b.example/"),
        (["Release notes": "https://c.example/"], "https://c.example/"), (["history": "https://d.example/"], "https://d.example/"),
        (["Homepage": "https://e.example/", "Source": "https://f.example/"], nil),
        (["Change Log": "https://g.example/", "Changes": "https://h.example/"], "https://g.example/"),
        (["Change Log": "javascript:alert(1)", "Changes": "https://h.example/"], "https://h.example/"),
        (["Changelog": "data:text/html,<script>alert(1)</script>"], nil),
    ] as [([String: String], String?)])
    func changelogLabels(urls: [String: String], expected: String?) {
        #expect(MarkdownFormatter.changelogURL(urls) == expected)
    }
}
