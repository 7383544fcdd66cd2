import Foundation
import Testing
import TestSupport

/// The audit rules not covered by `IndexCommandTests`, through the built binary against a fake
/// index on loopback: unknown packages and versions, project status, local builds, partial
/// hashes, expired ignores, and `fail-on` from the configuration.
@Suite(.serialized) struct AuditRulesTests {
    static func scenario() throws -> IndexScenario {
        try IndexScenario([
            "plain": [IndexScenario.Release(version: "1.0"), IndexScenario.Release(version: "1.1")],
            "arch": [IndexScenario.Release(version: "1.0")],
            "quar": [IndexScenario.Release(version: "1.0")],
            "localy": [IndexScenario.Release(version: "2.1.0"), IndexScenario.Release(version: "2.1.0+cpu")],
            "multi": [IndexScenario.Release(version: "1.0", wheels: 3)],
            "same": [IndexScenario.Release(version: "1.0")],
        ], statuses: ["arch": "archived", "quar": "quarantined"])
    }

    static func findings(_ stdout: String) throws -> [[String: Any]] {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        return doc["findings"] as? [[String: Any]] ?? []
    }

    @Test func everyRuleOnTheLoopbackIndex() throws {
        let index = try Self.scenario()
        let multi = IndexScenario.Release(version: "1.0", wheels: 3)
        let dir = try CLIRunner.workspace([
            "requirements.txt": """
                plain==1.2
                gone==1.0
                arch==1.0
                quar==1.0
                localy==2.1.0
                multi==1.0 --hash=sha256:\(multi.digest(0)) --hash=sha256:\(multi.digest(2))
                same==1.0.0
                """,
            ".pinaudit.toml": """
                [[ignore]]
                rule = "project-status"
                package = "arch"
                reason = "a read-only mirror"
                until = "2020-01-01"
                """,
        ])
        let result = try CLIRunner.run(["audit", "--format", "json", "requirements.txt"], in: dir, environment: index.environment)
        #expect(result.status == 1, "\(result.stderr)")
        let findings = try Self.findings(result.stdout)
        func finding(_ rule: String, _ package: String?) -> [String: Any]? {
            findings.first { $0["rule"] as? String == rule && $0["package"] as? String == package }
        }
        #expect(finding("unknown-version", "plain")?["severity"] as? String == "error")
        #expect((finding("unknown-version", "plain")?["message"] as? String)?.contains("1.2") == true)
        #expect(finding("unknown-package", "gone")?["severity"] as? String == "error")
        #expect(finding("unknown-package", "gone")?["line"] as? Int == 2)
        // Every package of an audit carries the audit's fields, null where the index had no answer.
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let gone = try #require((doc["packages"] as? [[String: Any]])?.first { $0["name"] as? String == "gone" })
        #expect(gone["latest"] is NSNull && gone["vulnerabilities"] is NSNull && gone["yanked"] is NSNull, "\(gone)")
        #expect(finding("project-status", "arch")?["severity"] as? String == "warning")
        #expect(finding("project-status", "quar")?["severity"] as? String == "error")
        #expect(finding("local-version", "localy")?["severity"] as? String == "warning")
        // A local build of the pinned version is not an update.
        #expect(finding("outdated", "localy") == nil)
        let partial = try #require(finding("hash-partial", "multi"))
        #expect(partial["severity"] as? String == "note")
        #expect((partial["message"] as? String)?.contains("cover 2 of 3 files") == true)
        #expect(finding("hash-mismatch", "multi") == nil)
        // The expired ignore hides nothing and is reported where it is written.
        let expired = try #require(findings.first { $0["rule"] as? String == "ignore-expired" })
        #expect(expired["severity"] as? String == "warning")
        #expect(expired["file"] as? String == ".pinaudit.toml")
        #expect(expired["line"] as? Int == 1)
        #expect(finding("outdated", "same") == nil && finding("unknown-version", "same") == nil)

        // The text report: every line within 80 columns; `same==1.0.0` is not in the outdated table.
        let text = try CLIRunner.run(["audit", "--color", "never", "requirements.txt"], in: dir, environment: index.environment)
        for line in text.stdout.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        #expect(!text.stdout.split(separator: "\n").contains { $0.hasPrefix("same ") }, "\(text.stdout)")
    }

    /// `fail-on` in the configuration decides the exit code unless `--fail-on` is given.
    @Test func failOnComesFromTheConfigurationUnlessGiven() throws {
        let index = try Self.scenario()
        let dir = try CLIRunner.workspace(["requirements.txt": "arch==1.0\n", ".pinaudit.toml": "fail-on = \"warning\"\n"])
        let configured = try CLIRunner.run(["audit", "--format", "json", "requirements.txt"], in: dir, environment: index.environment)
        #expect(try Self.findings(configured.stdout).map { $0["rule"] as? String } == ["project-status"])
        #expect(configured.status == 1, "\(configured.stdout)\(configured.stderr)")
        let overridden = try CLIRunner.run(["audit", "--fail-on", "error", "requirements.txt"], in: dir, environment: index.environment)
        #expect(overridden.status == 0, "\(overridden.stdout)\(overridden.stderr)")
        let check = try CLIRunner.run(["check", "requirements.txt"], in: dir, environment: index.environment)
        #expect(check.status == 0, "check finds nothing here: \(check.stdout)")
    }
}
