import Foundation
import Testing

extension JobTests {
    /// `plan`'s exit contract: 0 when it made a plan (with or without updates), 1 only with --exit-code and
    /// pending updates, 2 for unreadable input, 3 when the index skipped packages (the plan still written).
    @Suite struct PlanExitCodeTests {
        static let pins = "flask==2.0.1\nwerkzeug==2.0.2\nclick==8.0.1\n"

        @Test func aPlanWithUpdatesExitsZeroAndOneOnlyWhenAsked() throws {
            let index = try JobScenario.firstWeek()
            let dir = try CLIRunner.workspace(["requirements.txt": Self.pins])
            let plan = try CLIRunner.run(["plan", "requirements.txt"], in: dir, environment: index.environment)
            #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
            #expect(plan.stdout.contains("flask 2.0.1 → 2.0.3"), "\(plan.stdout)")
            let gate = try CLIRunner.run(["plan", "--exit-code", "requirements.txt"], in: dir, environment: index.environment)
            #expect(gate.status == 1, "\(gate.stdout)\(gate.stderr)")
            #expect(gate.stdout == plan.stdout, "--exit-code changes the exit code only")
        }

        /// `--fail-on` belongs to check and audit: on plan it would be silently ignored, so it is refused.
        @Test func failOnIsRefusedWithThePlansOwnGate() throws {
            let dir = try CLIRunner.workspace(["requirements.txt": Self.pins])
            let run = try CLIRunner.run(["plan", "--fail-on", "warning", "requirements.txt"], in: dir)
            #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains("plan does not take --fail-on") && run.stderr.contains("--exit-code"), "\(run.stderr)")
        }

        @Test func nothingToUpdateExitsZeroEvenWithExitCode() throws {
            let index = try JobScenario.firstWeek()
            let dir = try CLIRunner.workspace(["requirements.txt": "flask==2.0.3\nwerkzeug==2.0.2\nclick==8.1.0\n"])
            let gate = try CLIRunner.run(["plan", "--exit-code", "requirements.txt"], in: dir, environment: index.environment)
            #expect(gate.status == 0, "\(gate.stdout)\(gate.stderr)")
            #expect(gate.stdout.contains("0 steps"), "\(gate.stdout)")
        }

        @Test func anIncompletePlanIsWrittenAndExitsThreeUnlessPendingUpdatesAreAskedFor() throws {
            let index = try JobScenario.failingIndex()
            let dir = try CLIRunner.workspace(["requirements.txt": Self.pins])
            let plan = try CLIRunner.run(["plan", "--format", "markdown", "-o", "plan.md", "requirements.txt"], in: dir, environment: index.environment)
            #expect(plan.status == 3, "\(plan.stdout)\(plan.stderr)")
            let written = try String(contentsOf: dir.appendingPathComponent("plan.md"), encoding: .utf8)
            #expect(written.contains("## Skipped") && written.contains("werkzeug"), "\(written)")
            #expect(written.contains("flask"), "the packages the index answered for are still planned")
            let gate = try CLIRunner.run(["plan", "--exit-code", "requirements.txt"], in: dir, environment: index.environment)
            #expect(gate.status == 1, "pending updates are real either way: \(gate.stdout)\(gate.stderr)")
        }

        @Test func unreadableInputExitsTwo() throws {
            let dir = try CLIRunner.workspace([:])
            let plan = try CLIRunner.run(["plan", "--offline", "missing.txt"], in: dir)
            #expect(plan.status == 2, "\(plan.stdout)\(plan.stderr)")
            #expect(plan.stderr.contains("missing.txt"))
        }

        @Test func helpStatesTheContract() throws {
            let help = try CLIRunner.run(["plan", "--help"], in: try CLIRunner.workspace([:]))
            #expect(help.stdout.contains("--exit-code"))
            #expect(help.stdout.contains("0 a plan was made"), "\(help.stdout)")
        }
    }
}
