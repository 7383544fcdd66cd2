import Foundation
import Testing
import TestSupport

/// `audit` with `vuln-source = "both"` against a fake index and a fake OSV API on the same loopback server.
@Suite(.serialized) struct OSVCommandTests {
    static let requirements = "flask==2.0.1\nwerkzeug==2.0.2\nclick==8.0.0\n"

    @Test func osvOnlyVulnerabilitiesAreReportedAndSharedOnesOnce() throws {
        let index = try IndexScenario.web()
        let osv = try FakeOSVServer(server: index.server.server)
        // Known to OSV only.
        osv.affect("werkzeug", "2.0.2", ids: ["GHSA-only-osv"])
        osv.addRecord("GHSA-only-osv", json: FakeOSVServer.record(id: "GHSA-only-osv", aliases: ["CVE-2099-7"], package: "Werkzeug",
                                                                  fixed: ["2.0.3"], summary: "cookie parsing"))
        // Known to both: OSV's PYSEC id carries the index's GHSA id as an alias.
        osv.affect("click", "8.0.0", ids: ["PYSEC-2099-1"])
        osv.addRecord("PYSEC-2099-1", json: FakeOSVServer.record(id: "PYSEC-2099-1", aliases: ["GHSA-xxxx-yyyy", "CVE-2099-1"],
                                                                 package: "click", fixed: ["8.0.1"], summary: "shell injection"))
        let dir = try CLIRunner.workspace(["requirements.txt": Self.requirements, ".pinaudit.toml": "vuln-source = \"both\"\n"])
        var environment = index.environment
        environment["PINAUDIT_OSV_URL"] = osv.baseURL
        let result = try CLIRunner.run(["audit", "--format", "json", "requirements.txt"], in: dir, environment: environment)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = doc["findings"] as? [[String: Any]] ?? []
        let rules = Set(findings.compactMap { f in (f["rule"] as? String).map { "\($0):\(f["package"] as? String ?? "")" } })
        #expect(rules.isSuperset(of: ["vulnerable:werkzeug", "vulnerable:click"]), "\(rules)")
        #expect(!rules.contains { $0.hasPrefix("index-error") }, "\(rules)")
        #expect(doc["incomplete"] as? Bool != true)
        let packages = try #require(doc["packages"] as? [[String: Any]])
        let werkzeug = try #require(packages.first { $0["name"] as? String == "werkzeug" })
        let werkzeugVulns = try #require(werkzeug["vulnerabilities"] as? [[String: Any]])
        #expect(werkzeugVulns.count == 1)
        #expect(werkzeugVulns.first?["id"] as? String == "GHSA-only-osv")
        #expect(werkzeugVulns.first?["fixed_in"] as? [String] == ["2.0.3"])
        #expect((werkzeugVulns.first?["source"] as? String)?.contains("osv") == true)
        let click = try #require(packages.first { $0["name"] as? String == "click" })
        let clickVulns = try #require(click["vulnerabilities"] as? [[String: Any]])
        #expect(clickVulns.count == 1, "\(clickVulns)")
        // Every pinned package of the closure was asked about, at its pinned version.
        let asked = osv.receivedQueries.joined().compactMap { query -> String? in
            guard let name = (query["package"] as? [String: Any])?["name"] as? String else { return nil }
            return "\(name)==\(query["version"] as? String ?? "")"
        }
        #expect(asked.sorted() == ["click==8.0.0", "flask==2.0.1", "werkzeug==2.0.2"])
    }

    @Test func anOSVThatKeepsFailingMakesTheRunIncomplete() throws {
        let index = try IndexScenario.web()
        let osv = try FakeOSVServer(server: index.server.server)
        index.server.server.inject(.status(503), at: "/v1/querybatch", times: 100)
        let dir = try CLIRunner.workspace(["requirements.txt": Self.requirements, ".pinaudit.toml": "vuln-source = \"osv\"\n"])
        var environment = index.environment
        environment["PINAUDIT_OSV_URL"] = osv.baseURL
        let result = try CLIRunner.run(["audit", "requirements.txt"], in: dir, environment: environment)
        #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("OSV could not be asked"))
        #expect(result.stdout.contains("503"))
    }

    /// `--vuln-source` on the command line wins over the configuration: OSV's answer alone counts,
    /// so the index's own entry for click is not reported. `--require-hashes` turns on
    /// hash-checking mode for a file that has no hashes.
    @Test func theCommandLineChoosesTheSourceAndTheHashMode() throws {
        let index = try IndexScenario.web()
        let osv = try FakeOSVServer(server: index.server.server)
        osv.affect("werkzeug", "2.0.2", ids: ["GHSA-only-osv"])
        osv.addRecord("GHSA-only-osv", json: FakeOSVServer.record(id: "GHSA-only-osv", aliases: [], package: "Werkzeug",
                                                                  fixed: ["2.0.3"], summary: "cookie parsing"))
        let dir = try CLIRunner.workspace(["requirements.txt": Self.requirements, ".pinaudit.toml": "vuln-source = \"pypi\"\n"])
        var environment = index.environment
        environment["PINAUDIT_OSV_URL"] = osv.baseURL
        func rules(_ arguments: [String]) throws -> Set<String> {
            let result = try CLIRunner.run(["audit", "--format", "json"] + arguments + ["requirements.txt"], in: dir, environment: environment)
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return Set((doc["findings"] as? [[String: Any]] ?? []).compactMap { f in
                (f["rule"] as? String).map { "\($0):\(f["package"] as? String ?? "")" }
            })
        }
        let configured = try rules([])
        #expect(configured.contains("vulnerable:click") && !configured.contains("vulnerable:werkzeug"), "\(configured)")
        #expect(!configured.contains { $0.hasPrefix("hash-missing") }, "\(configured)")
        #expect(osv.receivedQueries.isEmpty)

        let flagged = try rules(["--vuln-source", "osv", "--require-hashes"])
        #expect(flagged.contains("vulnerable:werkzeug") && !flagged.contains("vulnerable:click"), "\(flagged)")
        #expect(flagged.isSuperset(of: ["hash-missing:flask", "hash-missing:werkzeug", "hash-missing:click"]), "\(flagged)")

        let wrong = try CLIRunner.run(["audit", "--vuln-source", "nvd", "requirements.txt"], in: dir, environment: environment)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("'pypi', 'osv', 'both', 'osv-db' or 'auto'"), "\(wrong.stderr)")
    }
}
