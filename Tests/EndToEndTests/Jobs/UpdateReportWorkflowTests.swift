import Foundation
import Testing

extension JobTests {
    /// The `run:` steps of `docs/update-report-workflow.yml` and of `action.yml`, read from the YAML at test
    /// time, run week after week against the loopback index with a fake `gh` that keeps the issue.
    @Suite(.enabled(if: RepositoryFiles.shouldRun(needing: ["jq", "python3"]), "needs jq (the workflow's) and python3 (the fake gh)"))
    struct UpdateReportWorkflowTests {
        /// A repository checked out in a workspace, its issues behind the fake `gh`.
        struct Repository {
            let workspace: URL
            let gh: FakeGitHubCLI
            let cache: URL
            let binaries: URL

            init(requirements: String) throws {
                try RepositoryFiles.requireTools(["jq", "python3"])
                workspace = try CLIRunner.workspace(["requirements.txt": requirements])
                gh = try FakeGitHubCLI()
                cache = workspace.appendingPathComponent(".pinaudit-cache")
                binaries = try JobScenario.binaryFolder()
            }

            /// One scheduled run of the workflow's `report` job.
            func run(_ index: IndexScenario?, planInputs: String? = nil) async throws -> WorkflowRunner.Outcome {
                var env = ProcessInfo.processInfo.environment.merging(gh.environment(path: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")) { $1 }
                env["PINAUDIT_CACHE_DIR"] = cache.path
                env["NO_COLOR"] = "1"
                env.removeValue(forKey: "PINAUDIT_INDEX_URL")
                env.removeValue(forKey: "GH_TOKEN")
                if let index { env.merge(index.environment) { $1 } }
                let runner = try WorkflowRunner(workspace: workspace, actionRoot: RepositoryFiles.root, environment: env)
                runner.cachedFolder = binaries
                if let planInputs { runner.envOverrides["PLAN_INPUTS"] = planInputs }
                let workflow = try GitHubActionsFile.load(RepositoryFiles.url("docs/update-report-workflow.yml"))
                return try await runner.run(workflow, job: "report")
            }
        }

        static let title = "pinaudit: dependency update plan"

        @Test func createsTheIssueThenEditsItOnlyWhenThePlanChanges() async throws {
            let repo = try Repository(requirements: JobScenario.requirements)

            let first = try await repo.run(try JobScenario.firstWeek())
            #expect(first.status == 0, "\(first.log)")
            #expect(first.ran("locate") && first.ran("path") && !first.ran("build"), "the cached binary is used, not rebuilt: \(first.steps)")
            #expect(!first.ran("run"), "command: install runs nothing else")
            var issues = try repo.gh.issues
            #expect(issues.count == 1)
            #expect(issues.first?.title == Self.title)
            let body = issues.first?.body ?? ""
            #expect(body.contains("pinaudit-plan-fingerprint: ") && body.contains("2.0.3") && body.contains("8.1.0"), "\(body)")
            #expect(try repo.gh.writes.map { $0[1] } == ["create"])

            let second = try await repo.run(try JobScenario.firstWeek())
            #expect(second.status == 0, "\(second.log)")
            #expect(second.log.contains("already shows plan"), "\(second.log)")
            #expect(try repo.gh.writes.count == 1, "the same plan edits nothing")
            #expect(try repo.gh.issues.first?.body == body)

            let third = try await repo.run(try JobScenario.newRelease())
            #expect(third.status == 0, "\(third.log)")
            #expect(try repo.gh.writes.map { $0[1] } == ["create", "edit"])
            issues = try repo.gh.issues
            #expect(issues.count == 1, "one issue, edited")
            #expect(issues.first?.body.contains("8.1.1") == true)

            let failing = try await repo.run(try JobScenario.failingIndex())
            #expect(failing.status == 0, "exit 3 still publishes: \(failing.log)")
            #expect(failing.log.contains("::warning::"), "\(failing.log)")
            let partial = try repo.gh.issues.first?.body ?? ""
            #expect(partial.contains("Partial plan") && partial.contains("werkzeug"), "\(partial)")
            #expect(try repo.gh.writes.map { $0[1] } == ["create", "edit", "edit"])
            #expect(try String(contentsOf: failing.summaryFile, encoding: .utf8).contains("Partial plan"), "the job summary shows the plan")
        }

        @Test func aPlanWithoutUpdatesOpensNoIssue() async throws {
            let repo = try Repository(requirements: "flask==2.0.3\nwerkzeug==2.0.2\nclick==8.1.0\n")
            let run = try await repo.run(try JobScenario.firstWeek())
            #expect(run.status == 0, "\(run.log)")
            #expect(run.log.contains("No updates pending"), "\(run.log)")
            #expect(try repo.gh.issues.isEmpty)
            #expect(try repo.gh.calls.map { $0.prefix(2).joined(separator: " ") } == ["issue list"])
        }

        @Test func unreadableInputFailsTheJobAndTouchesNoIssue() async throws {
            let repo = try Repository(requirements: JobScenario.requirements)
            let run = try await repo.run(try JobScenario.firstWeek(), planInputs: "missing.txt")
            #expect(run.status == 2, "\(run.log)")
            #expect(run.log.contains("pinaudit plan failed with exit code 2"), "\(run.log)")
            #expect(try repo.gh.calls.isEmpty)
        }

        @Test func bundledExampleOfflineOpensTheIssueOnceThenNothing() async throws {
            let repo = try Repository(requirements: try JobScenario.examplesRequirements)
            let inputs = "--offline --cache-dir \(try JobScenario.bundledCache().path) requirements.txt"
            let first = try await repo.run(nil, planInputs: inputs)
            #expect(first.status == 0, "\(first.log)")
            let body = try repo.gh.issues.first?.body ?? ""
            #expect(body.contains("## Step 1") && !body.contains("Partial plan"), "\(body.prefix(600))")
            let second = try await repo.run(nil, planInputs: inputs)
            #expect(second.status == 0, "\(second.log)")
            #expect(try repo.gh.writes.count == 1, "\(second.log)")
        }
    }
}
