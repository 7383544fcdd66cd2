import Foundation
import Testing
import TestSupport

/// Severities from OSV and `--vuln-fail-on` / `vuln-fail-on`, end to end: the built binary against
/// a fake index and a fake OSV API on one loopback server.
@Suite(.serialized) struct SeverityCommandTests {
    static let requirements = "flask==2.0.1\nwerkzeug==2.0.2\nclick==8.0.0\n"
    static let low = "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"                          // 3.1 low
    static let critical = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"  // 9.3 critical

    /// An OSV record of `package` with a CVSS vector, or none.
    static func record(_ id: String, package: String, vector: String?) throws -> String {
        let plain = FakeOSVServer.record(id: id, package: package, fixed: ["99.0"], summary: "a flaw")
        guard let vector else { return plain }
        var document = try #require(try JSONSerialization.jsonObject(with: Data(plain.utf8)) as? [String: Any])
        document["severity"] = [["type": vector.hasPrefix("CVSS:4") ? "CVSS_V4" : "CVSS_V3", "score": vector]]
        return String(decoding: try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]), as: UTF8.self)
    }

    struct Scenario {
        var index: IndexScenario
        var osv: FakeOSVServer
        var environment: [String: String]

        /// `vulnerabilities`: package → (id, vector or nil for no severity).
        init(_ vulnerabilities: [String: (id: String, vector: String?)]) throws {
            index = try IndexScenario.web()
            osv = try FakeOSVServer(server: index.server.server)
            let versions = ["flask": "2.0.1", "werkzeug": "2.0.2", "click": "8.0.0"]
            for (package, vulnerability) in vulnerabilities {
                osv.affect(package, versions[package]!, ids: [vulnerability.id])
                osv.addRecord(vulnerability.id, json: try SeverityCommandTests.record(vulnerability.id, package: package, vector: vulnerability.vector))
            }
            environment = index.environment
            environment["PINAUDIT_OSV_URL"] = osv.baseURL
        }

        func run(_ arguments: [String], files: [String: String] = [:]) throws -> CLIRunner.Result {
            let dir = try CLIRunner.workspace(["requirements.txt": SeverityCommandTests.requirements].merging(files) { _, new in new })
            return try CLIRunner.run(["audit", "--vuln-source", "osv"] + arguments + ["requirements.txt"], in: dir, environment: environment)
        }
    }

    static func findings(_ result: CLIRunner.Result) throws -> [String: String] {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        var bySeverity: [String: String] = [:]
        for finding in doc["findings"] as? [[String: Any]] ?? [] where finding["rule"] as? String == "vulnerable" {
            bySeverity[finding["package"] as? String ?? ""] = finding["severity"] as? String
        }
        return bySeverity
    }

    /// Only a low vulnerability: it fails by default, and with a higher threshold the run passes
    /// while the vulnerability is still reported, as a note that says why.
    @Test func aLowVulnerabilityBelowTheThresholdIsANoteAndTheRunPasses() throws {
        let scenario = try Scenario(["werkzeug": ("GHSA-low", Self.low)])
        let plain = try scenario.run([])
        #expect(plain.status == 1, "\(plain.stdout)\(plain.stderr)")
        let text = plain.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("werkzeug: werkzeug 2.0.2 is affected by GHSA-low (low severity, CVSS 3.1): a flaw."), "\(plain.stdout)")

        let gated = try scenario.run(["--vuln-fail-on", "high"])   // the README's example
        #expect(gated.status == 0, "\(gated.stdout)\(gated.stderr)")
        let gatedText = gated.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(gatedText.contains("NOTES"))
        #expect(gatedText.contains("is affected by GHSA-low (low severity, CVSS 3.1)"))
        #expect(gatedText.contains("It is below the vulnerability threshold (`vuln-fail-on = \"high\"`), so it is reported as a note and does not fail the run."), "\(gated.stdout)")
    }

    /// The configuration's threshold, the flag winning over it, an advisory without a severity
    /// counted as at the threshold, and the JSON and SARIF fields.
    @Test func thresholdFromConfigurationAndFlagWithUnknownSeverity() throws {
        let scenario = try Scenario(["werkzeug": ("GHSA-low", Self.low), "click": ("GHSA-crit", Self.critical),
                                     "flask": ("PYSEC-unknown", nil)])
        let config = [".pinaudit.toml": "vuln-fail-on = \"critical\"\n"]
        let configured = try scenario.run(["--format", "json"], files: config)
        #expect(configured.status == 1, "\(configured.stdout)\(configured.stderr)")
        #expect(try Self.findings(configured) == ["click": "error", "flask": "error", "werkzeug": "note"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(configured.stdout.utf8)) as? [String: Any])
        let packages = try #require(doc["packages"] as? [[String: Any]])
        func vulnerability(_ name: String) -> [String: Any]? {
            (packages.first { $0["name"] as? String == name }?["vulnerabilities"] as? [[String: Any]])?.first
        }
        #expect(vulnerability("click")?["severity"] as? String == "critical")
        #expect(vulnerability("click")?["score"] as? Double == 9.3)
        #expect(vulnerability("click")?["vector"] as? String == Self.critical)
        #expect(vulnerability("werkzeug")?["severity"] as? String == "low")
        #expect(vulnerability("werkzeug")?["score"] as? Double == 3.1)
        #expect(vulnerability("flask")?["severity"] is NSNull)
        #expect(vulnerability("flask")?["score"] is NSNull)

        let flagged = try scenario.run(["--format", "json", "--vuln-fail-on", "low"], files: config)
        #expect(try Self.findings(flagged) == ["click": "error", "flask": "error", "werkzeug": "error"])

        let sarif = try scenario.run(["--format", "sarif"], files: config)
        let sarifDoc = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let run = try #require((sarifDoc["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let severities = Dictionary(uniqueKeysWithValues: rules.map { ($0["id"] as? String ?? "", ($0["properties"] as? [String: Any])?["security-severity"] as? String ?? "-") })
        #expect(severities["vulnerable/GHSA-crit"] == "9.3", "\(severities)")
        #expect(severities["vulnerable/GHSA-low"] == "3.1", "\(severities)")
        #expect(severities["vulnerable"] == "-", "\(severities)")

        let github = try scenario.run(["--format", "github"], files: config)
        #expect(github.stdout.contains("title=vulnerable%3A click (critical severity%2C CVSS 9.3)::"), "\(github.stdout)")
        #expect(github.stdout.contains("::notice file=requirements.txt,line=2,title=vulnerable%3A werkzeug (low severity%2C CVSS 3.1)::"), "\(github.stdout)")
    }

    @Test func badThresholdsAreUsageErrors() throws {
        let scenario = try Scenario([:])
        let flag = try scenario.run(["--vuln-fail-on", "severe"])
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("--vuln-fail-on"), "\(flag.stderr)")
        let config = try scenario.run([], files: [".pinaudit.toml": "vuln-fail-on = \"none\"\n"])
        #expect(config.status == 2)
        #expect(config.stderr.contains(".pinaudit.toml:1") && config.stderr.contains("vuln-fail-on"), "\(config.stderr)")
        #expect(config.stderr.contains("expected one of low, medium, moderate, high, critical"), "\(config.stderr)")
    }
}
