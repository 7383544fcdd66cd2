import Foundation
import Testing
@testable import PinAuditCore

/// Severity in every format: text, Markdown and GitHub annotations through the finding (its
/// message, and the annotation title), JSON `severity`/`score`/`vector`, SARIF sub-rules with
/// `security-severity`.
struct SeverityFormatTests {
    static let high = try! VulnerabilitySeverity(cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N")
    static let critical = try! VulnerabilitySeverity(cvssVector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
    static let moderate = VulnerabilitySeverity(level: .medium, source: .databaseSpecific)

    static var report: Report {
        var django = PackageReport(name: "django", version: "3.2.0", direct: true, location: SourceLocation(file: "requirements.txt", line: 1))
        django.vulnerabilities = [
            Vulnerability(id: "GHSA-high", fixedIn: ["3.2.1"], source: "osv", severity: high),
            Vulnerability(id: "GHSA-word", source: "osv", severity: moderate),
            Vulnerability(id: "PYSEC-none", source: "pypi"),
        ]
        var flask = PackageReport(name: "flask", version: "2.0.1", direct: true, location: SourceLocation(file: "requirements.txt", line: 2))
        flask.vulnerabilities = [Vulnerability(id: "GHSA-crit", source: "osv", severity: critical)]
        func finding(_ package: String, _ line: Int, _ id: String, _ severity: VulnerabilitySeverity?) -> Finding {
            let label = severity.map { " (\($0.label))" } ?? ""
            return Finding(rule: .vulnerable, package: package, location: SourceLocation(file: "requirements.txt", line: line),
                           message: "\(package) is affected by \(id)\(label).", vulnerability: FindingVulnerability(id: id, severity: severity))
        }
        return Report(command: "audit", files: ["requirements.txt"], packages: [django, flask], findings: [
            finding("django", 1, "GHSA-high", high), finding("django", 1, "GHSA-word", moderate),
            finding("django", 1, "PYSEC-none", nil), finding("flask", 2, "GHSA-crit", critical),
            Finding(rule: .yanked, package: "flask", location: SourceLocation(file: "requirements.txt", line: 2), message: "flask 2.0.1 is yanked."),
        ])
    }

    @Test func jsonVulnerabilitiesHaveSeverityScoreAndVector() throws {
        let text = JSONFormatter.format(Self.report)
        #expect(text.contains(#""score": 7.5,"#), "a JSON number, one decimal")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let packages = try #require(doc["packages"] as? [[String: Any]])
        let django = try #require(packages[0]["vulnerabilities"] as? [[String: Any]])
        #expect(django[0]["severity"] as? String == "high")
        #expect(django[0]["score"] as? Double == 7.5)
        #expect(django[0]["vector"] as? String == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N")
        #expect(django[1]["severity"] as? String == "medium")
        #expect(django[1]["score"] is NSNull && django[1]["vector"] is NSNull)
        #expect(django[2]["severity"] is NSNull && django[2]["score"] is NSNull, "null when unknown")
        let flask = try #require(packages[1]["vulnerabilities"] as? [[String: Any]])
        #expect(flask[0]["severity"] as? String == "critical")
        #expect(flask[0]["score"] as? Double == 9.3)
    }

    @Test func sarifRanksVulnerabilitiesBySecuritySeverity() throws {
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(SARIFFormatter.format(Self.report).utf8)) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["yanked", "vulnerable", "vulnerable/GHSA-crit", "vulnerable/GHSA-high", "vulnerable/GHSA-word"])
        func properties(_ id: String) -> [String: Any]? { rules.first { $0["id"] as? String == id }?["properties"] as? [String: Any] }
        #expect(properties("vulnerable/GHSA-crit")?["security-severity"] as? String == "9.3")
        #expect(properties("vulnerable/GHSA-high")?["security-severity"] as? String == "7.5")
        #expect(properties("vulnerable/GHSA-word")?["security-severity"] as? String == "5.5", "a word maps inside its band")
        #expect(properties("vulnerable/GHSA-high")?["tags"] as? [String] == ["security"])
        #expect(properties("vulnerable") == nil, "no severity: the plain rule, unranked")
        #expect((rules[3]["shortDescription"] as? [String: Any])?["text"] as? String == "\(Rule.vulnerable.summary) (GHSA-high)")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["vulnerable/GHSA-high", "vulnerable/GHSA-word", "vulnerable", "vulnerable/GHSA-crit", "yanked"])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        #expect((results[0]["properties"] as? [String: Any])?["security-severity"] as? String == "7.5")
        #expect((results[2]["properties"] as? [String: Any])?["security-severity"] == nil)
    }

    @Test(.enabled(if: SchemaValidator.available, "needs python3 with jsonschema and \(SARIFFormatterTests.schemaPath)"))
    func sarifWithSeveritiesValidatesAgainstTheSchema() throws {
        let output = try SchemaValidator.validate(SARIFFormatter.format(Self.report, toolVersion: "1.2.3"), schema: SARIFFormatterTests.schemaPath)
        #expect(output.status == 0, "\(output.text)")
    }

    @Test func githubAnnotationTitlesCarryTheSeverity() {
        let lines = GitHubFormatter.format(Self.report).split(separator: "\n")
        #expect(lines[0] == "::error file=requirements.txt,line=1,title=vulnerable%3A django (high severity%2C CVSS 7.5)::django is affected by GHSA-high (high severity, CVSS 7.5).")
        #expect(lines[1].contains("title=vulnerable%3A django (medium severity)::"))
        #expect(lines[2].contains("title=vulnerable%3A django::"))
        #expect(lines[4].contains("title=yanked%3A flask::"))
    }

    @Test func textAndMarkdownShowItAfterTheID() {
        let text = TextFormatter.format(Self.report).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("requirements.txt:2: flask: flask is affected by GHSA-crit (critical severity, CVSS 9.3). [vulnerable]"))
        let markdown = MarkdownFormatter.format(Self.report)
        #expect(markdown.contains("django is affected by GHSA-high (high severity, CVSS 7.5).  |") || markdown.contains("django is affected by GHSA-high (high severity, CVSS 7.5). |"))
    }
}
