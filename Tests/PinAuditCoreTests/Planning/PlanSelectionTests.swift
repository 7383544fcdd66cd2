import Testing
import PythonPackaging
@testable import PinAuditCore
import TestSupport

@Suite struct PlanSelectionTests {
    /// Steps: 1 patch pkg-b, 2 minor pkg-a (needs 1), 3 minor pkg-c.
    func dependentPlan() async throws -> (Plan, [RequirementEntry]) {
        var index = FakeIndex()
        index.add("pkg-a", "1.0.0", requires: ["pkg-b>=1.0.0"])
        index.add("pkg-a", "1.1.0", requires: ["pkg-b>=1.0.5"])
        index.add("pkg-b", "1.0.0")
        index.add("pkg-b", "1.0.5")
        index.add("pkg-c", "1.0.0")
        index.add("pkg-c", "1.2.0")
        let text = "pkg-a==1.0.0\npkg-b==1.0.0\npkg-c==1.0.0\n"
        let plan = try await PlanTesting.plan(text, index, policy: PlanTesting.policy(maxLevel: .minor))
        return (plan, try PlanTesting.entries(text))
    }

    @Test func selectsEveryStepUpToALevel() async throws {
        let (plan, _) = try await dependentPlan()
        #expect(PlanTesting.summary(plan) == ["patch: pkg-b 1.0.0→1.0.5", "minor: pkg-a 1.0.0→1.1.0", "minor: pkg-c 1.0.0→1.2.0"])
        #expect(PlanSelection.steps(plan, upTo: .security).isEmpty)
        #expect(PlanSelection.steps(plan, upTo: .patch).map(\.number) == [1])
        #expect(PlanSelection.steps(plan, upTo: .major).map(\.number) == [1, 2, 3])
    }

    @Test func onlyKeepsTheNamedPackagesAndTheStepsTheyNeed() async throws {
        let (plan, entries) = try await dependentPlan()
        #expect(PlanSelection.steps(plan, upTo: .minor, only: ["PKG_A"]).map(\.number) == [1, 2])
        #expect(PlanSelection.steps(plan, upTo: .minor, only: ["pkg-c"]).map(\.number) == [3])
        #expect(PlanSelection.steps(plan, upTo: .patch, only: ["pkg-a"]).isEmpty)

        let edits = PlanSelection.edits(for: PlanSelection.steps(plan, upTo: .minor, only: ["pkg-a"]), entries: entries)
        #expect(edits.files == [FileEdit(path: "requirements.txt", changes: [
            PinChange(line: 1, name: "pkg-a", oldVersion: "1.0.0", newVersion: "1.1.0", hashes: plan.steps[1].moves[0].hashes),
            PinChange(line: 2, name: "pkg-b", oldVersion: "1.0.0", newVersion: "1.0.5", hashes: plan.steps[0].moves[0].hashes),
        ])])
    }

    @Test func aPackageMovedTwiceEndsAtItsLastVersion() async throws {
        var index = FakeIndex()
        index.add("requests", "2.28.0")
        index.add("requests", "2.28.2")
        index.add("requests", "2.31.0")
        let entries = try PlanTesting.entries("requests==2.28.0\n")
        let plan = try await PlanTesting.plan("requests==2.28.0\n", index)
        #expect(plan.steps.count == 2)
        let edits = PlanSelection.edits(for: plan.steps, entries: entries)
        #expect(edits.files.first?.changes.map(\.newVersion) == ["2.31.0"])
        #expect(edits.files.first?.changes.map(\.oldVersion) == ["2.28.0"])
    }

    @Test func addedPackagesGoToTheFileOfTheirRequirer() async throws {
        let files = InMemoryFiles(["requirements.txt": "-r aws.txt\nflask==2.0.1\n",
                                   "aws.txt": PlanTesting.awsPins.replacingOccurrences(of: "boto3==", with: "boto3[crt]==")])
        let entries = try RequirementsFileParser(reader: files).parse(path: "requirements.txt").entries
        var index = PlanTesting.awsIndex
        index.add("flask", "2.0.1")
        let options = PlanOptions(targets: [.target(pythonVersion: "3.12", platform: .linux)], pythons: ["3.12"],
                                  policy: PlanTesting.policy(maxLevel: .minor), today: PlanTesting.today)
        let plan = await UpdatePlanner(index: IndexMemo(index), options: options).plan(entries: entries)
        let edits = PlanSelection.edits(for: plan.steps, entries: entries)
        #expect(edits.files.map(\.path) == ["aws.txt"])
        #expect(edits.files[0].additions == [PinAddition(name: "awscrt", version: "0.19.19", hashes: plan.steps.last!.moves[1].hashes,
                                                         why: "required by boto3==1.34.0")])
        let rewritten = try RequirementsRewriter.rewrite(PlanTesting.awsPins.replacingOccurrences(of: "boto3==", with: "boto3[crt]=="),
                                                         path: "aws.txt", changes: edits.files[0].changes, additions: edits.files[0].additions)
        #expect(rewritten == "boto3[crt]==1.34.0\nbotocore==1.34.10\ns3transfer==0.10.1\njmespath==1.0.1\nurllib3==1.26.18\n"
            + "# added by pinaudit: required by boto3==1.34.0\nawscrt==0.19.19\n", "the file is not sorted: appended")
    }

    @Test func lockfilePinsGetTheLockCommandAndDockerfilePinsAnInstruction() async throws {
        var index = FakeIndex()
        index.add("requests", "2.28.0")
        index.add("requests", "2.28.2")
        var lockEntry = RequirementEntry(requirement: try Requirement("requests"), location: SourceLocation(file: "app/uv.lock", line: 40),
                                         lockedVersion: "2.28.0", origin: .lockfile)
        lockEntry.isConstraint = false
        let dockerEntry = RequirementEntry(requirement: try Requirement("requests==2.28.0"), location: SourceLocation(file: "Dockerfile", line: 7),
                                           origin: .dockerfile)
        let options = PlanOptions(targets: [.target(pythonVersion: "3.12", platform: .linux)], pythons: ["3.12"], today: PlanTesting.today)
        let plan = await UpdatePlanner(index: IndexMemo(index), options: options).plan(entries: [lockEntry, dockerEntry])
        let edits = PlanSelection.edits(for: plan.steps, entries: [lockEntry, dockerEntry])
        #expect(edits.files.isEmpty)
        #expect(edits.lockCommands == [LockUpdate(lockfile: "app/uv.lock", command: "uv lock --upgrade-package requests==2.28.2")])
        #expect(edits.manual.map(\.instruction) == ["change `requests==2.28.0` to `requests==2.28.2` in Dockerfile:7"])
    }

    @Test(arguments: [
        ("uv.lock", "uv lock --upgrade-package boto3==1.34.0 --upgrade-package botocore==1.34.10"),
        ("sub/poetry.lock", "poetry update boto3 botocore"),
        ("pdm.lock", "pdm update boto3 botocore"),
        ("Pipfile.lock", "pipenv update boto3 botocore"),
        ("pylock.toml", "uv lock --upgrade-package boto3==1.34.0 --upgrade-package botocore==1.34.10 && uv export --format pylock.toml -o pylock.toml"),
    ])
    func lockCommandPerLockKind(file: String, command: String) {
        #expect(LockCommand.command(lockfile: file, packages: [("boto3", "1.34.0"), ("botocore", "1.34.10")]) == command)
    }

    @Test func unknownLockfilesHaveNoCommand() {
        #expect(LockCommand.command(lockfile: "requirements.lock", packages: [("a", "1")]) == nil)
    }
}
