import Foundation
import Testing

/// `check`, `audit` and `plan` through the built binary against a fake index on loopback.
@Suite(.serialized) struct IndexCommandTests {
    @Test func checkReportsUnpinnedTransitivesWithTheirChain() throws {
        let index = try IndexScenario.web()
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==2.0.1\nwerkzeug==2.0.2\n"])
        let result = try CLIRunner.run(["check", "--format", "json", "requirements.txt"], in: dir, environment: index.environment)
        #expect(result.status == 1, "\(result.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let packages = try #require(doc["packages"] as? [[String: Any]])
        #expect(packages.compactMap { $0["name"] as? String }.sorted() == ["click", "flask", "werkzeug"])
        let click = try #require(packages.first { $0["name"] as? String == "click" })
        #expect(click["required_by"] as? [String] == ["flask"])
        #expect(click["version"] is NSNull)
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let unpinned = try #require(findings.first { $0["rule"] as? String == "unpinned-transitive" })
        #expect(unpinned["package"] as? String == "click")
        #expect((unpinned["message"] as? String)?.contains("click==8.0.1") == true)
        #expect(unpinned["line"] as? Int == 1)
    }

    @Test func auditReportsYankedVulnerableOutdatedAndHashMismatch() throws {
        let index = try IndexScenario.web()
        let dir = try CLIRunner.workspace(["requirements.txt": """
            flask==2.0.1 --hash=sha256:\(IndexScenario.Release(version: "2.0.1").sha256.uppercased())
            werkzeug==2.0.1
            click==8.0.0 --hash=sha256:0000000000
            """])
        let result = try CLIRunner.run(["audit", "--format", "json", "requirements.txt"], in: dir, environment: index.environment)
        #expect(result.status == 1, "\(result.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rules = Set((doc["findings"] as? [[String: Any]] ?? []).compactMap { f in (f["rule"] as? String).map { "\($0):\(f["package"] as? String ?? "")" } })
        #expect(rules.isSuperset(of: ["yanked:werkzeug", "vulnerable:click", "outdated:flask", "hash-mismatch:click", "hash-missing:werkzeug"]), "\(rules)")
        // flask's hash (written in capitals) is the digest the index publishes for its one file.
        #expect(!rules.contains { $0.hasPrefix("hash") && $0.hasSuffix(":flask") }, "\(rules)")
        let packages = try #require(doc["packages"] as? [[String: Any]])
        let flask = try #require(packages.first { $0["name"] as? String == "flask" })
        #expect(flask["latest"] as? String == "3.0.0")
        #expect(flask["latest_minor"] as? String == "2.0.3")
        #expect(flask["latest_patch"] as? String == "2.0.3")
        let werkzeug = try #require(packages.first { $0["name"] as? String == "werkzeug" })
        #expect(werkzeug["yanked"] as? Bool == true)
        #expect(werkzeug["yanked_reason"] as? String == "broken cookie parsing")
        let click = try #require(packages.first { $0["name"] as? String == "click" })
        let vulns = try #require(click["vulnerabilities"] as? [[String: Any]])
        #expect(vulns.first?["id"] as? String == "GHSA-xxxx-yyyy")
        #expect(vulns.first?["fixed_in"] as? [String] == ["8.0.1"])
    }

    @Test func sarifAndMarkdownFormats() throws {
        let index = try IndexScenario.web()
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==2.0.1\nwerkzeug==2.0.1\nclick==8.0.0\n"])
        let sarif = try CLIRunner.run(["audit", "--format", "sarif"], in: dir, environment: index.environment)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        #expect(doc["version"] as? String == "2.1.0")
        let results = ((doc["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.contains { $0["ruleId"] as? String == "yanked" })
        let markdown = try CLIRunner.run(["audit", "--format", "markdown"], in: dir, environment: index.environment)
        #expect(markdown.stdout.contains("werkzeug"))
        #expect(markdown.stdout.contains("|"))
    }

    @Test func anIndexThatKeepsFailingMakesTheRunIncompleteWithExitThree() throws {
        let index = try IndexScenario.web()
        index.server.server.inject(.status(503), at: "/pypi/flask/2.0.1/json", times: 100)
        index.server.server.inject(.status(503), at: "/pypi/flask/json", times: 100)
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==2.0.1\n"])
        let result = try CLIRunner.run(["check", "requirements.txt"], in: dir, environment: index.environment)
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("503"))
        #expect(result.stdout.contains("incomplete"))
    }

    @Test func offlineUsesTheCacheAloneAndNamesWhatIsMissing() throws {
        let index = try IndexScenario.web()
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==2.0.1\nwerkzeug==2.0.2\nclick==8.0.1\n"])
        let online = try CLIRunner.run(["check", "requirements.txt"], in: dir, environment: index.environment)
        #expect(online.status == 0, "\(online.stdout)\(online.stderr)")
        index.server.server.stop()
        let offline = try CLIRunner.run(["check", "--offline", "requirements.txt"], in: dir, environment: index.environment)
        #expect(offline.status == 0, "\(offline.stdout)\(offline.stderr)")
        try Data("flask==2.0.1\nwerkzeug==2.0.2\nclick==8.0.1\nrequests==2.0\n".utf8).write(to: dir.appendingPathComponent("requirements.txt"))
        let missing = try CLIRunner.run(["check", "--offline", "requirements.txt"], in: dir, environment: index.environment)
        #expect(missing.status == 3)
        #expect(missing.stdout.contains("requests"))
    }

    @Test func planOrdersStepsAndApplyRewritesOnlyThePins() throws {
        let index = try IndexScenario.web()
        let original = "# app\nflask==2.0.1  # web\nwerkzeug==2.0.1\nclick==8.0.0\n"
        let dir = try CLIRunner.workspace(["requirements.txt": original, ".pinaudit.toml": "[plan]\nmin-age = 0\n"])
        let plan = try CLIRunner.run(["plan", "--format", "json"], in: dir, environment: index.environment)
        #expect(plan.status == 0, "a plan with updates is a plan made: \(plan.stdout)\(plan.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(plan.stdout.utf8)) as? [String: Any])
        #expect((doc["fingerprint"] as? String)?.count == 64)
        let kinds = (doc["steps"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.first == "security" || kinds.first == "yanked", "\(kinds)")
        let again = try CLIRunner.run(["plan", "--format", "json"], in: dir, environment: index.environment)
        #expect(again.stdout == plan.stdout, "same inputs, same bytes")

        let dry = try CLIRunner.run(["plan", "--apply", "security", "--dry-run"], in: dir, environment: index.environment)
        #expect(dry.stdout.contains("-click==8.0.0"))
        #expect(dry.stdout.contains("+click==8.0.1"))
        #expect(try String(contentsOf: dir.appendingPathComponent("requirements.txt"), encoding: .utf8) == original)

        let applied = try CLIRunner.run(["plan", "--apply", "security"], in: dir, environment: index.environment)
        #expect(applied.stdout.contains("updated requirements.txt"), "\(applied.stdout)\(applied.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("requirements.txt"), encoding: .utf8)
        #expect(text == "# app\nflask==2.0.1  # web\nwerkzeug==2.0.2\nclick==8.0.1\n")
        let check = try CLIRunner.run(["audit", "--fail-on", "error"], in: dir, environment: index.environment)
        #expect(check.status == 0, "\(check.stdout)")
    }
}

@Suite struct ApplyAtomicityTests {
    /// Kills `plan --apply` at random moments: the file is always the old or the new content, never a mix.
    @Test func killedApplyLeavesOldOrNewContent() throws {
        let index = try IndexScenario.web()
        let original = "flask==2.0.1\nwerkzeug==2.0.1\nclick==8.0.0\n" + (0..<2000).map { "# padding line \($0)\n" }.joined()
        let dir = try CLIRunner.workspace(["requirements.txt": original, ".pinaudit.toml": "[plan]\nmin-age = 0\n"])
        let file = dir.appendingPathComponent("requirements.txt")
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<12 {
            try Data(original.utf8).write(to: file)
            let process = Process()
            process.executableURL = CLIRunner.binary
            process.arguments = ["plan", "--apply", "major", "--quiet"]
            process.currentDirectoryURL = dir
            var env = ProcessInfo.processInfo.environment
            env.merge(index.environment) { $1 }
            env["PINAUDIT_CACHE_DIR"] = dir.appendingPathComponent(".cache").path
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...250_000, using: &rng))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let text = try String(contentsOf: file, encoding: .utf8)
            let isOld = text == original
            let isNew = text.hasPrefix("flask==3.0.0\nwerkzeug==3.0.0\nclick==8.0.1\n") && text.hasSuffix("# padding line 1999\n")
            #expect(isOld || isNew, "a killed --apply left a mixed file")
        }
        // Left alone, the same run writes the new content (so the check above can see both outcomes).
        try Data(original.utf8).write(to: file)
        let full = try CLIRunner.run(["plan", "--apply", "major"], in: dir, environment: index.environment)
        #expect(full.status == 0, "\(full.stdout)\(full.stderr)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("flask==3.0.0\nwerkzeug==3.0.0\nclick==8.0.1\n"), "\(text.prefix(80))")
        #expect(text.hasSuffix("# padding line 1999\n"))
    }
}
