import Foundation
import Testing
import TestSupport

/// `db update`, `db status`, `db query` and `audit` with a local OSV database, run with the built
/// binary against an export and an index served on loopback.
@Suite(.serialized) struct DatabaseCommandTests {
    static let requirements = "flask==2.0.1\nwerkzeug==2.0.2\nclick==8.0.0\n"

    static let export = OSVExportBuilder.zip([
        "PYSEC-2099-10": OSVExportBuilder.advisory(id: "PYSEC-2099-10", aliases: ["CVE-2099-10"], package: "Werkzeug",
                                                   events: [["introduced": "0"], ["fixed": "2.0.3"]], summary: "cookie parsing"),
        // The index's own advisory for click, known to the database under another id.
        "PYSEC-2099-11": OSVExportBuilder.advisory(id: "PYSEC-2099-11", aliases: ["GHSA-xxxx-yyyy"], package: "click",
                                                   versions: ["8.0.0"], events: [["introduced": "7.0"], ["fixed": "8.0.1"]]),
        "PYSEC-2099-12": OSVExportBuilder.advisory(id: "PYSEC-2099-12", package: "flask", versions: ["2.0.1"],
                                                   withdrawn: "2099-01-01T00:00:00Z"),
    ])

    static func serve(_ scenario: IndexScenario, export: Data = export, etag: String = "\"e1\"") -> String {
        scenario.server.server.route("/osv/PyPI/all.zip", LoopbackResponse(status: 200, headers: [("ETag", etag)], body: export))
        return scenario.server.server.baseURL + "/osv/PyPI/all.zip"
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func rules(_ doc: [String: Any]) -> Set<String> {
        Set((doc["findings"] as? [[String: Any]] ?? []).compactMap { f in (f["rule"] as? String).map { "\($0):\(f["package"] as? String ?? "")" } })
    }

    @Test func updateThenAuditUsesTheDatabaseWithoutFlags() throws {
        let index = try IndexScenario.web()
        var environment = index.environment
        environment["PINAUDIT_VULN_DB_URL"] = Self.serve(index)
        let dir = try CLIRunner.workspace(["requirements.txt": Self.requirements])

        let status0 = try CLIRunner.run(["db", "status"], in: dir, environment: environment)
        #expect(status0.status == 1 && status0.stdout.contains("pinaudit db update"), "\(status0.stdout)")

        let update = try CLIRunner.run(["db", "update"], in: dir, environment: environment)
        #expect(update.status == 0, "\(update.stdout)\(update.stderr)")
        #expect(update.stdout.contains("updated the OSV database") && update.stdout.contains("3 advisories (1 withdrawn)"), "\(update.stdout)")

        // `--url` names the export as well (here the same one: the server says it has not changed).
        let again = try CLIRunner.run(["db", "update", "--url", environment["PINAUDIT_VULN_DB_URL"]!], in: dir, environment: index.environment)
        #expect(again.status == 0 && again.stdout.contains("is current"), "\(again.stdout)\(again.stderr)")

        let status = try CLIRunner.run(["db", "status"], in: dir, environment: environment)
        #expect(status.status == 0)
        #expect(status.stdout.contains("source:     \(environment["PINAUDIT_VULN_DB_URL"]!)"), "\(status.stdout)")
        #expect(status.stdout.contains("advisories: 3 (1 withdrawn) on 3 packages"), "\(status.stdout)")
        #expect(status.stdout.contains("data up to: 2024-10-01T00:00:00Z"), "\(status.stdout)")
        #expect(status.stdout.contains("fetched:"))

        let audit = try CLIRunner.run(["audit", "--format", "json", "requirements.txt"], in: dir, environment: environment)
        #expect(audit.status == 1, "\(audit.stderr)")
        let doc = try Self.json(audit.stdout)
        let rules = Self.rules(doc)
        #expect(rules.isSuperset(of: ["vulnerable:werkzeug", "vulnerable:click"]), "\(rules)")
        #expect(!rules.contains("vulnerable:flask"), "a withdrawn advisory matched: \(rules)")
        let packages = try #require(doc["packages"] as? [[String: Any]])
        let click = try #require(packages.first { $0["name"] as? String == "click" }?["vulnerabilities"] as? [[String: Any]])
        // The index's GHSA and the database's PYSEC entry are one vulnerability.
        #expect(click.count == 1 && (click.first?["source"] as? String) == "pypi,osv-db", "\(click)")
        let werkzeug = try #require(packages.first { $0["name"] as? String == "werkzeug" }?["vulnerabilities"] as? [[String: Any]])
        #expect(werkzeug.first?["fixed_in"] as? [String] == ["2.0.3"])

        // `--vuln-source pypi` leaves the database out.
        let indexOnly = try Self.json(try CLIRunner.run(["audit", "--format", "json", "--vuln-source", "pypi", "requirements.txt"],
                                                        in: dir, environment: environment).stdout)
        #expect(!Self.rules(indexOnly).contains("vulnerable:werkzeug"))

        // A damaged download is refused and the database stays.
        index.server.server.route("/osv/PyPI/all.zip", LoopbackResponse(status: 200, headers: [("ETag", "\"e2\"")], body: Data("PK garbage".utf8)))
        let broken = try CLIRunner.run(["db", "update"], in: dir, environment: environment)
        #expect(broken.status == 3)
        #expect(broken.stderr.contains("was not updated") && broken.stderr.contains("unchanged"), "\(broken.stderr)")
        let after = try CLIRunner.run(["db", "status"], in: dir, environment: environment)
        #expect(after.stdout.contains("advisories: 3 (1 withdrawn)"), "\(after.stdout)")
    }

    @Test func ignoreVulnHidesByIdOrAliasAndAStaleOneIsANote() throws {
        let index = try IndexScenario.web()
        let dir = try CLIRunner.workspace(["requirements.txt": Self.requirements, "osv.zip": ""])
        try Self.export.write(to: dir.appendingPathComponent("osv.zip"))
        let run = try CLIRunner.run(["audit", "--format", "json", "--vuln-db", "osv.zip", "--ignore-vuln", "CVE-2099-10",
                                     "--ignore-vuln", "GHSA-xxxx-yyyy", "--ignore-vuln", "PYSEC-2000-404", "requirements.txt"],
                                    in: dir, environment: index.environment)
        let doc = try Self.json(run.stdout)
        let rules = Self.rules(doc)
        #expect(!rules.contains("vulnerable:werkzeug") && !rules.contains("vulnerable:click"), "\(rules)")
        let unused = (doc["findings"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "ignore-unused" }
        #expect(unused.count == 1, "\(unused)")
        #expect((unused.first?["message"] as? String)?.contains("--ignore-vuln PYSEC-2000-404") == true)
        #expect(unused.first?["severity"] as? String == "note")
    }

    @Test func aMaliciousPackageIsItsOwnError() throws {
        let index = try IndexScenario.web()
        let dir = try CLIRunner.workspace(["requirements.txt": Self.requirements])
        let export = OSVExportBuilder.zip(["MAL-2099-1": OSVExportBuilder.advisory(id: "MAL-2099-1", package: "click",
                                                                                  events: [["introduced": "0"]], summary: "Malicious code in click (PyPI)")])
        try export.write(to: dir.appendingPathComponent("osv.zip"))
        let run = try CLIRunner.run(["audit", "--vuln-db", "osv.zip", "--vuln-source", "osv-db", "requirements.txt"], in: dir, environment: index.environment)
        #expect(run.status == 1)
        #expect(run.stdout.contains("[malicious-package]"), "\(run.stdout)")
        #expect(run.stdout.contains("Remove it from your requirements"), "\(run.stdout)")
    }

    @Test func theDatabaseSourceWithoutADatabaseMakesTheRunIncomplete() throws {
        let index = try IndexScenario.web()
        let dir = try CLIRunner.workspace(["requirements.txt": Self.requirements])
        let run = try CLIRunner.run(["audit", "--vuln-source", "osv-db", "requirements.txt"], in: dir, environment: index.environment)
        #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("The local OSV database could not be asked"), "\(run.stdout)")
        #expect(run.stdout.contains("pinaudit db update"))
    }

    @Test func queryAnswersForPinsWithoutTheIndex() throws {
        let dir = try CLIRunner.workspace(["requirements.txt": Self.requirements])
        try Self.export.write(to: dir.appendingPathComponent("osv.zip"))
        let run = try CLIRunner.run(["db", "query", "--vuln-db", "osv.zip", "--pin", "Werkzeug==2.0.2", "--pin", "werkzeug==2.0.3"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "werkzeug==2.0.2: PYSEC-2099-10 (CVE-2099-10) [fixed in 2.0.3]\nwerkzeug==2.0.3: no known vulnerability\n", "\(run.stdout)")
        #expect(run.stderr.contains("2 pins looked up in"))
    }
}
