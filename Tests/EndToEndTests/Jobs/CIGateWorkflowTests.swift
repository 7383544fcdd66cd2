import Foundation
import Testing

extension JobTests {
    /// `docs/ci-gate-workflow.yml` and the action's other commands: the `run:` steps of the workflow and of
    /// `action.yml`, read from the YAML, run on a pull request's checkout against the loopback index.
    @Suite struct CIGateWorkflowTests {
        /// Runs job `job` of the workflow at `workflow` in a checkout holding `files`.
        static func run(_ workflow: GitHubActionsFile, job: String, files: [String: String], index: IndexScenario,
                        actionRoot: URL = RepositoryFiles.root, cacheHit: Bool = true, extra: [String: String] = [:]) async throws
            -> (outcome: WorkflowRunner.Outcome, workspace: URL) {
            let workspace = try CLIRunner.workspace(files)
            var env = ProcessInfo.processInfo.environment
            env["PINAUDIT_CACHE_DIR"] = workspace.appendingPathComponent(".pinaudit-cache").path
            env["NO_COLOR"] = "1"
            env.merge(index.environment) { $1 }
            env.merge(extra) { $1 }
            let runner = try WorkflowRunner(workspace: workspace, actionRoot: actionRoot, environment: env)
            if cacheHit { runner.cachedFolder = try JobScenario.binaryFolder() }
            return (try await runner.run(workflow, job: job), workspace)
        }

        static var gate: GitHubActionsFile { get throws { try GitHubActionsFile.load(RepositoryFiles.url("docs/ci-gate-workflow.yml")) } }

        @Test func aLooseRequirementFailsThePullRequestWithAnAnnotation() async throws {
            let index = try JobScenario.firstWeek()
            let (outcome, _) = try await Self.run(try Self.gate, job: "pins", files: ["requirements.txt": "flask>=2.0\nwerkzeug==2.0.2\nclick==8.0.1\n"], index: index)
            #expect(outcome.status == 1, "\(outcome.log)")
            #expect(outcome.log.contains("::error file=requirements.txt,line=1,title=unpinned"), "\(outcome.log)")
            #expect(!outcome.ran("build"), "the cached binary is used")
        }

        @Test func anUnpinnedTransitiveDependencyFailsToo() async throws {
            let index = try JobScenario.firstWeek()
            let (outcome, _) = try await Self.run(try Self.gate, job: "pins", files: ["requirements.txt": "flask==2.0.1\nclick==8.0.1\n"], index: index)
            #expect(outcome.status == 1, "\(outcome.log)")
            #expect(outcome.log.contains("unpinned-transitive") && outcome.log.contains("werkzeug"), "\(outcome.log)")
        }

        @Test func aFullyPinnedProjectPasses() async throws {
            let index = try JobScenario.firstWeek()
            let (outcome, _) = try await Self.run(try Self.gate, job: "pins", files: ["requirements.txt": JobScenario.requirements], index: index)
            #expect(outcome.status == 0, "\(outcome.log)")
            #expect(outcome.log.contains("pinaudit check: 0 errors"), "\(outcome.log)")
        }

        /// The action's inputs beyond the gate: plan into the job summary, audit with fail-on, paths and args.
        @Test func theActionsPlanGoesToTheJobSummaryAndAuditHonoursFailOn() async throws {
            let workflow = try GitHubActionsFile.load(RepositoryFiles.url("Tests/EndToEndTests/Fixtures/workflows/uses-action-locally.yml"))
            let index = try JobScenario.firstWeek()
            let files = ["deps/requirements.txt": JobScenario.requirements]
            let (plan, _) = try await Self.run(workflow, job: "plan", files: files, index: index)
            #expect(plan.status == 0, "\(plan.log)")
            let summary = try String(contentsOf: plan.summaryFile, encoding: .utf8)
            #expect(summary.contains("# pinaudit update plan") && summary.contains("8.1.0"), "\(summary)")

            let (audit, _) = try await Self.run(workflow, job: "audit", files: files, index: index)
            #expect(audit.status == 1, "outdated is a warning, and fail-on is warning: \(audit.log)")
            #expect(audit.log.contains("::warning file=deps/requirements.txt"), "\(audit.log)")
            #expect(audit.log.contains("exit-code was 1"), "the exit-code output reaches the workflow: \(audit.log)")

            let (wrong, _) = try await Self.run(workflow, job: "wrong-command", files: files, index: index)
            #expect(wrong.status == 2)
            #expect(wrong.log.contains("runs check, audit, plan or install"), "\(wrong.log)")
        }

        /// On a cache miss the action finds the runner's Swift, builds with `scripts/build-release.sh` into
        /// the cached folder, and uses that binary; the key follows the action's sources. The build script
        /// is a stand-in here (it links the debug binary instead of making a release build).
        @Test func onACacheMissTheActionBuildsAndItsKeyFollowsItsSources() async throws {
            let actionRoot = try CLIRunner.workspace([
                "scripts/build-release.sh": """
                #!/bin/sh
                set -eu
                mkdir -p "$1"
                ln -sf "$PINAUDIT_TEST_BINARY" "$1/pinaudit"
                echo "built into $1" >> "$PINAUDIT_TEST_BUILD_LOG"
                """,
            ])
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: actionRoot.appendingPathComponent("scripts/build-release.sh").path)
            for item in ["action.yml", "Package.swift", "Sources"] {
                try FileManager.default.copyItem(at: RepositoryFiles.url(item), to: actionRoot.appendingPathComponent(item))
            }
            let buildLog = actionRoot.appendingPathComponent("build.log")
            let extra = ["PINAUDIT_TEST_BINARY": CLIRunner.binary.path, "PINAUDIT_TEST_BUILD_LOG": buildLog.path]
            let index = try JobScenario.firstWeek()
            let files = ["requirements.txt": JobScenario.requirements]

            let (miss, _) = try await Self.run(try Self.gate, job: "pins", files: files, index: index, actionRoot: actionRoot, cacheHit: false, extra: extra)
            #expect(miss.status == 0, "\(miss.log)")
            #expect(miss.ran("swift") && miss.ran("build") && miss.ran("run"), "\(miss.steps)")
            #expect(try String(contentsOf: buildLog, encoding: .utf8).contains("pinaudit-action-bin"))
            let (again, _) = try await Self.run(try Self.gate, job: "pins", files: files, index: index, actionRoot: actionRoot, cacheHit: false, extra: extra)
            #expect(again.cacheKeys == miss.cacheKeys && miss.cacheKeys.count == 1, "same sources, same key")

            let source = actionRoot.appendingPathComponent("Package.swift")
            try Data((try String(contentsOf: source, encoding: .utf8) + "// changed\n").utf8).write(to: source)
            let (changed, _) = try await Self.run(try Self.gate, job: "pins", files: files, index: index, actionRoot: actionRoot, cacheHit: false, extra: extra)
            #expect(changed.cacheKeys.count == 1 && changed.cacheKeys != miss.cacheKeys, "a changed source, a new key: \(changed.cacheKeys)")
            #expect(changed.cacheKeys.first?.hasPrefix("pinaudit-Linux-X64-") == true)
        }
    }
}
