import Foundation
import Testing
import PythonPackaging
@testable import PinAuditCore
import TestSupport

@Suite struct PlanFormatterTests {
    /// Compares with `Fixtures/plan/<name>`; `PINAUDIT_RECORD=1` writes the file instead.
    func assertGolden(_ text: String, _ name: String, sourceFile: String = #filePath) throws {
        let url = TestFolders.target(of: sourceFile).appendingPathComponent("Fixtures/plan/\(name)")
        if ProcessInfo.processInfo.environment["PINAUDIT_RECORD"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(text == golden, "differs from \(url.path); run with PINAUDIT_RECORD=1 to re-record")
    }

    /// The boto3 plan plus a security fix, a yank and a held-back release.
    func samplePlan() async throws -> Plan {
        var index = PlanTesting.awsIndex
        index.metadata["urllib3==1.26.18"]!.vulnerabilities = [
            Vulnerability(id: "GHSA-v845-jxx5-vc9f", aliases: ["CVE-2023-43804"], fixedIn: ["1.26.19", "2.0.6"],
                          summary: "Cookie | header not stripped on cross-origin redirects", link: "https://advisories.example/GHSA-v845-jxx5-vc9f")]
        index.add("urllib3", "1.26.19", uploaded: "2024-05-31T00:00:00Z")
        index.add("urllib3", "2.2.1", uploaded: "2024-02-18T00:00:00Z")
        index.add("jmespath", "1.0.2", yanked: true, yankedReason: "bad metadata", uploaded: "2024-01-01T00:00:00Z")
        index.projects["boto3"]!.projectURLs = ["Changelog": "https://changes.example/boto3/CHANGELOG.rst", "Homepage": "https://aws.example/"]
        index.projects["botocore"]!.pageURL = "https://index.example/project/botocore/"
        return try await PlanTesting.plan(PlanTesting.awsPins, index, policy: PlanTesting.policy(maxLevel: .minor, minAge: 3))
    }

    @Test func markdownGolden() async throws {
        let plan = try await samplePlan()
        let markdown = PlanFormatter.markdown(plan)
        #expect(markdown.contains("<!-- pinaudit-plan-fingerprint: \(plan.fingerprint) -->"))
        try assertGolden(markdown, "plan.md")
    }

    @Test func jsonGolden() async throws {
        let plan = try await samplePlan()
        let json = PlanFormatter.json(plan)
        #expect(json.hasPrefix("{\n  \"schema_version\": 1,\n  \"fingerprint\": \"\(plan.fingerprint)\""))
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((decoded?["steps"] as? [Any])?.count == plan.steps.count)
        #expect((decoded?["blocked"] as? [Any])?.count == plan.blocked.count)
        try assertGolden(json, "plan.json")
    }

    @Test func textGolden() async throws {
        try assertGolden(PlanFormatter.text(try await samplePlan()), "plan.txt")
    }

    @Test func emptyPlanSaysSo() {
        let plan = Plan(steps: [], today: PlanTesting.today)
        #expect(PlanFormatter.text(plan).contains("Nothing to update."))
        #expect(PlanFormatter.markdown(plan).contains("Nothing to update."))
    }
}
