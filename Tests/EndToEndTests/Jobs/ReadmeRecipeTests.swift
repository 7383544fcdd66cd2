import Foundation
import Testing

extension JobTests {
    /// The three jobs of the README, run from the README's own blocks.
    @Suite struct ReadmeRecipeTests {
        /// Runs one command line as a shell would, with `pinaudit` on PATH.
        static func shell(_ line: String, in directory: URL, environment: [String: String]) async throws -> CLIRunner.Result {
            let script = directory.appendingPathComponent(".recipe-\(UUID().uuidString).sh")
            try Data((line + "\n").utf8).write(to: script)
            defer { try? FileManager.default.removeItem(at: script) }
            return try await ShellScript.run(script, arguments: [], in: directory, environment: environment)
        }

        @Test func auditByHand() async throws {
            let index = try IndexScenario.web()
            let dir = try CLIRunner.workspace(["requirements.txt": "flask==2.0.1\nwerkzeug==2.0.1\nclick==8.0.0\n"])
            let bin = try JobScenario.binaryFolder()
            var env = index.environment
            env["PATH"] = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            env["PINAUDIT_CACHE_DIR"] = dir.appendingPathComponent(".cache").path
            let lines = try RepositoryFiles.readmeCommands("by-hand")
            #expect(lines.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == ["pinaudit audit", "pinaudit plan", "pinaudit plan", "pinaudit check"])
            guard lines.count == 4 else { return }

            let audit = try await Self.shell(lines[0], in: dir, environment: env)
            #expect(audit.status == 1, "a yanked and a vulnerable pin are errors: \(audit.stdout)\(audit.stderr)")
            #expect(audit.stdout.contains("[yanked]") && audit.stdout.contains("[vulnerable]"), "\(audit.stdout)")
            let plan = try await Self.shell(lines[1], in: dir, environment: env)
            #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
            #expect(plan.stdout.contains("click 8.0.0 → 8.0.1"), "\(plan.stdout)")
            let apply = try await Self.shell(lines[2], in: dir, environment: env)
            #expect(apply.status == 0, "\(apply.stdout)\(apply.stderr)")
            let pins = try String(contentsOf: dir.appendingPathComponent("requirements.txt"), encoding: .utf8)
            #expect(pins == "flask==2.0.3\nwerkzeug==2.0.2\nclick==8.0.1\n", "\(apply.stdout)")
            let check = try await Self.shell(lines[3], in: dir, environment: env)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }

        /// The crontab line, with the script's and the project's paths of this test, and pinaudit on its PATH.
        @Test func scheduledReportFromCron() async throws {
            let line = try RepositoryFiles.readmeCommands("cron").first ?? ""
            let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
            #expect(fields.count == 6 && fields.prefix(5).joined(separator: " ") == "17 6 * * 1", "a crontab line: \(line)")
            let command = fields.count == 6 ? String(fields[5]) : ""
            let index = try JobScenario.firstWeek()
            let project = try CLIRunner.workspace(["requirements.txt": JobScenario.requirements])
            let bin = try JobScenario.binaryFolder()
            let logFile = project.appendingPathComponent("plan.log")
            let runnable = command
                .replacingOccurrences(of: "PATH=/usr/local/bin:", with: "PATH=\(bin.path):")
                .replacingOccurrences(of: "/opt/pinaudit/cron-example.sh", with: RepositoryFiles.url("docs/cron-example.sh").path)
                .replacingOccurrences(of: "/srv/myapp", with: project.path)
                .replacingOccurrences(of: "/var/log/pinaudit-plan.log", with: logFile.path)
            #expect(runnable != command)
            var env = index.environment
            env["PINAUDIT_REPORT_DIR"] = project.appendingPathComponent("reports").path
            env["PINAUDIT_CACHE_DIR"] = project.appendingPathComponent(".cache").path
            for _ in 0..<2 {
                let run = try await Self.shell(runnable, in: project, environment: env)
                #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            }
            let log = try String(contentsOf: logFile, encoding: .utf8)
            #expect(log.contains("new plan") && log.contains("plan unchanged"), "\(log)")
        }

        @Test func ciGateWorkflow() async throws {
            let file = try CLIRunner.workspace(["gate.yml": try RepositoryFiles.readmeRecipe("ci-gate")]).appendingPathComponent("gate.yml")
            let workflow = try GitHubActionsFile.load(file)
            let index = try JobScenario.firstWeek()
            let (loose, _) = try await CIGateWorkflowTests.run(workflow, job: "pins", files: ["requirements.txt": "flask\nwerkzeug==2.0.2\nclick==8.0.1\n"], index: index)
            #expect(loose.status == 1, "\(loose.log)")
            #expect(loose.log.contains("::error file=requirements.txt,line=1"), "\(loose.log)")
            let (pinned, _) = try await CIGateWorkflowTests.run(workflow, job: "pins", files: ["requirements.txt": JobScenario.requirements], index: index)
            #expect(pinned.status == 0, "\(pinned.log)")
        }

        @Test func everyDocsFileTheReadmeNamesExists() async throws {
            let readme = try String(contentsOf: RepositoryFiles.url("README.md"), encoding: .utf8)
            let named = try readme.matches(of: Regex(#"\(docs/([A-Za-z0-9._-]+)\)"#)).compactMap { $0.output[1].substring.map(String.init) }
            #expect(Set(named).isSuperset(of: ["update-report-workflow.yml", "cron-example.sh", "ci-gate-workflow.yml"]), "\(named)")
            for name in named {
                #expect(FileManager.default.fileExists(atPath: RepositoryFiles.url("docs/\(name)").path), "README names docs/\(name)")
            }
        }
    }
}
