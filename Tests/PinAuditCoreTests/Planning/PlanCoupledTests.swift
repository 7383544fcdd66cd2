import Testing
import PythonPackaging
@testable import PinAuditCore
import TestSupport

@Suite struct PlanCoupledTests {
    let minor = PlanTesting.policy(maxLevel: .minor)

    @Test func boto3MovesTogetherWithBotocoreAndS3transfer() async throws {
        let plan = try await PlanTesting.plan(PlanTesting.awsPins, PlanTesting.awsIndex, policy: minor)
        #expect(PlanTesting.summary(plan) == [
            "patch: boto3 1.28.0→1.28.5, botocore 1.31.0→1.31.5",
            "patch: s3transfer 0.6.0→0.6.2",
            "minor: boto3 1.28.5→1.34.0, botocore 1.31.5→1.34.10, s3transfer 0.6.2→0.10.1",
        ])
        let step = try #require(plan.steps.last)
        #expect(step.package == "boto3")
        #expect(step.moves[0].reasons == [.update(.minor)])
        #expect(step.moves[1].reasons == [.requiredBy(package: "boto3", version: "1.34.0", requirement: "botocore>=1.34.0,<1.35.0")])
        #expect(step.moves[2].reasons == [.requiredBy(package: "boto3", version: "1.34.0", requirement: "s3transfer>=0.10.0,<0.11.0")])
        #expect(step.moves.allSatisfy { $0.kind == .minor })
    }

    @Test func blockedUpdateNamesThePackageAndSpecifierThatBlockIt() async throws {
        let plan = try await PlanTesting.plan(PlanTesting.awsPins, PlanTesting.awsIndex, policy: minor)
        let blocked = try #require(plan.blocked.first { $0.package == "botocore" })
        #expect(blocked.from == "1.34.10" && blocked.to == "1.35.0")
        #expect(blocked.kind == .minor)
        #expect(blocked.blocker == "boto3==1.34.0")
        #expect(blocked.requirement == "botocore>=1.34.0,<1.35.0")
        #expect(blocked.reason.contains("boto3==1.34.0 requires `botocore>=1.34.0,<1.35.0`"))
        #expect(plan.blocked.count == 1)
    }

    @Test func aNewRequirementAddsThePackagePinned() async throws {
        let pins = PlanTesting.awsPins.replacingOccurrences(of: "boto3==", with: "boto3[crt]==")
        let plan = try await PlanTesting.plan(pins, PlanTesting.awsIndex, policy: minor)
        let step = try #require(plan.steps.last)
        #expect(step.moves.map(\.name) == ["boto3", "awscrt", "botocore", "s3transfer"])
        let added = step.moves[1]
        #expect(added.isAddition && added.from == nil && added.to == "0.19.19" && added.kind == nil)
        #expect(added.reasons == [.requiredBy(package: "boto3", version: "1.34.0", requirement: "awscrt==0.19.19")])
        #expect(added.locations.isEmpty)
    }

    @Test func aDependentMovesUpWhenItsSpecifierRefusesTheNewVersion() async throws {
        var index = FakeIndex()
        index.add("alpha", "1.0.0")
        index.add("alpha", "1.5.0")
        index.add("zeta", "1.0.0", requires: ["alpha<1.5"])
        index.add("zeta", "1.1.0", requires: ["alpha<2"])
        let plan = try await PlanTesting.plan("alpha==1.0.0\nzeta==1.0.0\n", index, policy: minor)
        #expect(PlanTesting.summary(plan) == ["minor: alpha 1.0.0→1.5.0, zeta 1.0.0→1.1.0"])
        #expect(plan.steps[0].moves[1].reasons == [.accepts(package: "alpha", version: "1.5.0")])

        let frozen = try await PlanTesting.plan("alpha==1.0.0\nzeta==1.0.0\n", index, policy: PlanTesting.policy(maxLevel: .minor, freeze: ["zeta"]))
        #expect(frozen.steps.isEmpty)
        let blocked = try #require(frozen.blocked.first)
        #expect(blocked.package == "alpha" && blocked.blocker == "zeta==1.0.0" && blocked.requirement == "alpha<1.5")
        #expect(blocked.reason.contains("frozen"))
    }

    @Test func aSourceConstraintBlocksAsWellAsAPackage() async throws {
        var index = FakeIndex()
        index.add("alpha", "1.0.0")
        index.add("alpha", "1.5.0")
        let files = InMemoryFiles(["r.txt": "-c c.txt\nalpha==1.0.0\n", "c.txt": "alpha<1.5\n"])
        let entries = try RequirementsFileParser(reader: files).parse(path: "r.txt").entries
        let options = PlanOptions(targets: [.target(pythonVersion: "3.12", platform: .linux)], pythons: ["3.12"], policy: minor, today: PlanTesting.today)
        let plan = await UpdatePlanner(index: IndexMemo(index), options: options).plan(entries: entries)
        #expect(plan.steps.isEmpty)
        #expect(plan.blocked.first?.blocker == "c.txt:1")
        #expect(plan.blocked.first?.requirement == "alpha<1.5")
    }

    @Test func stepsRecordTheEarlierStepsTheyRelyOn() async throws {
        var index = FakeIndex()
        index.add("pkg-a", "1.0.0", requires: ["pkg-b>=1.0.0"])
        index.add("pkg-a", "1.1.0", requires: ["pkg-b>=1.0.5"])
        index.add("pkg-b", "1.0.0")
        index.add("pkg-b", "1.0.5")
        let plan = try await PlanTesting.plan("pkg-a==1.0.0\npkg-b==1.0.0\n", index, policy: minor)
        #expect(PlanTesting.summary(plan) == ["patch: pkg-b 1.0.0→1.0.5", "minor: pkg-a 1.0.0→1.1.0"])
        #expect(plan.steps[0].dependsOn == [])
        #expect(plan.steps[1].dependsOn == [1])
    }

    @Test func indexFailuresAreSkippedPackagesNotCrashes() async throws {
        var index = PlanTesting.awsIndex
        index.failures["jmespath"] = .unavailable(reason: "503 after 4 tries")
        let plan = try await PlanTesting.plan(PlanTesting.awsPins + "nosuch==1.0\n", index, policy: minor)
        #expect(plan.incomplete)
        #expect(plan.skipped.map(\.package) == ["jmespath", "nosuch"])
        #expect(plan.skipped[0].reason.contains("503"))
        #expect(!plan.steps.isEmpty)
    }

    @Test func aReleaseWithoutMetadataIsNotProposed() async throws {
        var index = FakeIndex()
        index.add("alpha", "1.0.0")
        index.add("alpha", "1.0.1")
        index.add("alpha", "1.0.2")
        index.metadata["alpha==1.0.2"] = nil
        let plan = try await PlanTesting.plan("alpha==1.0.0\n", index)
        #expect(PlanTesting.summary(plan) == ["patch: alpha 1.0.0→1.0.1"])
        #expect(plan.steps[0].notes.contains { $0.contains("1.0.2 is newer but blocked") })
    }

    @Test func samePlanForTheSameInputsAndAStableFingerprint() async throws {
        let a = try await PlanTesting.plan(PlanTesting.awsPins, PlanTesting.awsIndex, policy: minor)
        let b = try await PlanTesting.plan(PlanTesting.awsPins, PlanTesting.awsIndex, policy: minor)
        #expect(a == b)
        #expect(PlanFormatter.json(a) == PlanFormatter.json(b))
        #expect(a.fingerprint.count == 64 && a.fingerprint.allSatisfy(\.isHexDigit))
        #expect(a.fingerprint == PlanFormatter.fingerprint(a))

        let later = try await PlanTesting.plan(PlanTesting.awsPins, PlanTesting.awsIndex, policy: minor,
                                               today: CalendarDay(year: 2024, month: 7, day: 1)!)
        #expect(later.fingerprint == a.fingerprint, "the day is not part of the content")

        var index = PlanTesting.awsIndex
        index.add("s3transfer", "0.10.2", requires: ["botocore>=1.33.2,<2.0a.0"], uploaded: "2024-02-01T00:00:00Z")
        let changed = try await PlanTesting.plan(PlanTesting.awsPins, index, policy: minor)
        #expect(changed.fingerprint != a.fingerprint)
    }
}
