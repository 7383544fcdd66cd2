import Foundation
import Testing

/// `-r/--requirement` and `-c/--constraint` as pip, pip-audit and uv take them, beside positional paths.
@Suite struct PipConventionTests {
    static let files = [
        "app.txt": "flask==3.0.3\n", "dev.txt": "pytest\n", "ci.txt": "coverage>=7\n",
        "constraints.txt": "click==8.1.7\n",
    ]

    @Test(arguments: [
        ["-r", "dev.txt"], ["--requirement", "dev.txt"], ["--requirement=dev.txt"], ["app.txt", "-r", "dev.txt"],
        ["-r", "dev.txt", "app.txt", "--requirement", "ci.txt", "-c", "constraints.txt"],
    ])
    func checkTakesRequirementFiles(arguments: [String]) async throws {
        let dir = try CLIRunner.workspace(Self.files)
        let result = try await CLIRunner.runOffPool(["check", "--no-index", "--format", "json"] + arguments, in: dir)
        #expect(result.status == 1, "pytest is loose: \(result.stdout)\(result.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let read = Set(doc["files"] as? [String] ?? [])
        let named = Set(arguments.filter { $0.hasSuffix(".txt") }.map { $0.replacingOccurrences(of: "--requirement=", with: "") })
        #expect(read == named, "\(read) vs \(named)")
        let names = Set((doc["requirements"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
        #expect(names.contains("pytest"))
        #expect(names.contains("flask") == named.contains("app.txt"))
        #expect(names.contains("click") == named.contains("constraints.txt"))
    }

    @Test func auditAndPlanTakeTheSameOptions() async throws {
        let index = try IndexScenario.web()
        let dir = try CLIRunner.workspace([
            "base.txt": "flask==2.0.3\nwerkzeug==2.0.2\n", "more.txt": "click==8.0.0\n", "pins.txt": "click==8.0.0\n",
            ".pinaudit.toml": "[plan]\nmin-age = 0\n",
        ])
        let audit = try await CLIRunner.runOffPool(["audit", "--format", "json", "-r", "base.txt", "--requirement", "more.txt", "-c", "pins.txt"],
                                      in: dir, environment: index.environment)
        #expect(audit.status == 1, "click 8.0.0 is vulnerable: \(audit.stdout)\(audit.stderr)")
        #expect(audit.stdout.contains("GHSA-xxxx-yyyy"))
        let plan = try await CLIRunner.runOffPool(["plan", "base.txt", "-r", "more.txt", "--constraint", "pins.txt"], in: dir, environment: index.environment)
        #expect([0, 1].contains(plan.status), "\(plan.stdout)\(plan.stderr)")
        #expect(plan.stdout.contains("click 8.0.0 → 8.0.1"), "\(plan.stdout)")
    }

    @Test func helpNamesTheOptions() async throws {
        let dir = try CLIRunner.workspace([:])
        for command in ["check", "audit", "plan"] {
            let help = try await CLIRunner.runOffPool([command, "--help"], in: dir)
            #expect(help.stdout.contains("-r, --requirement <file>"), "\(command): \(help.stdout)")
            #expect(help.stdout.contains("-c, --constraint <file>"), "\(command)")
        }
    }
}
