import Testing
import PythonPackaging
@testable import PinAuditCore
import TestSupport

@Suite struct PlanPolicyTests {
    /// django vulnerable, urllib3 yanked, requests with patch and minor updates.
    var mixedIndex: FakeIndex {
        var index = FakeIndex()
        index.add("Django", "3.2.20", requires: ["asgiref>=3.3.2,<4", "sqlparse>=0.2.2"], uploaded: "2023-07-03T00:00:00Z",
                  vulnerabilities: [PlanTesting.vulnerability("GHSA-aaaa", fixedIn: ["3.2.21", "4.2.5"], aliases: ["CVE-2023-1"])])
        index.add("Django", "3.2.21", requires: ["asgiref>=3.3.2,<4", "sqlparse>=0.2.2"], uploaded: "2023-09-04T00:00:00Z")
        index.add("Django", "3.2.22", requires: ["asgiref>=3.3.2,<4", "sqlparse>=0.2.2"], uploaded: "2023-10-04T00:00:00Z")
        index.add("Django", "4.2.5", requires: ["asgiref>=3.6.0,<4", "sqlparse>=0.3.1"], uploaded: "2023-09-04T00:00:00Z")
        index.add("Django", "4.2.10", requires: ["asgiref>=3.6.0,<4", "sqlparse>=0.3.1"], uploaded: "2024-02-06T00:00:00Z")
        index.add("asgiref", "3.7.2", uploaded: "2023-05-27T00:00:00Z")
        index.add("sqlparse", "0.4.4", uploaded: "2023-04-18T00:00:00Z")
        index.add("requests", "2.28.0", requires: ["urllib3>=1.21.1,<3"], uploaded: "2022-06-09T00:00:00Z")
        index.add("requests", "2.28.2", requires: ["urllib3>=1.21.1,<1.27"], uploaded: "2023-01-12T00:00:00Z")
        index.add("requests", "2.30.0", requires: ["urllib3>=1.21.1,<3"], uploaded: "2024-04-01T00:00:00Z")
        index.add("requests", "2.31.0", requires: ["urllib3>=1.21.1,<3"], uploaded: "2024-05-30T00:00:00Z")
        index.add("urllib3", "1.26.17", yanked: true, yankedReason: "broken wheel", uploaded: "2023-10-02T00:00:00Z")
        index.add("urllib3", "1.26.18", uploaded: "2023-10-17T00:00:00Z")
        index.add("urllib3", "2.0.7", uploaded: "2023-10-17T00:00:00Z")
        index.projects["django"]!.projectURLs = ["Homepage": "https://www.djangoproject.example/",
                                                 "Release notes": "https://docs.djangoproject.example/en/stable/releases/"]
        index.projects["django"]!.pageURL = "https://index.example/project/Django/"
        index.projects["requests"]!.pageURL = "https://index.example/project/requests/"
        return index
    }

    let mixedPins = "Django==3.2.20\nasgiref==3.7.2\nsqlparse==0.4.4\nrequests==2.28.0\nurllib3==1.26.17\n"

    @Test func ordersMandatoryFixesThenPatchMinorMajor() async throws {
        let plan = try await PlanTesting.plan(mixedPins, mixedIndex)
        #expect(PlanTesting.summary(plan) == [
            "security: django 3.2.20→3.2.21",
            "yanked: urllib3 1.26.17→1.26.18",
            "patch: django 3.2.21→3.2.22",
            "patch: requests 2.28.0→2.28.2",
            "minor: requests 2.28.2→2.31.0",
            "major: django 3.2.22→4.2.10",
            "major: urllib3 1.26.18→2.0.7",
        ])
        #expect(plan.steps.map(\.number) == Array(1...7))
        #expect(plan.blocked.isEmpty)
    }

    @Test func securityFixPicksTheSmallestFixingReleaseWithReasonsAndLinks() async throws {
        let plan = try await PlanTesting.plan(mixedPins, mixedIndex, policy: PlanTesting.policy(maxLevel: .patch))
        let step = try #require(plan.steps.first)
        #expect(step.kind == .security)
        let move = try #require(step.moves.first)
        #expect(move.to == "3.2.21")
        #expect(move.reasons == [.vulnerability(id: "GHSA-aaaa", aliases: ["CVE-2023-1"], summary: "Problem GHSA-aaaa.",
                                                link: "https://advisories.example/GHSA-aaaa")])
        #expect(move.fromReleased?.description == "2023-07-03")
        #expect(move.toReleased?.description == "2023-09-04")
        #expect(move.link == "https://docs.djangoproject.example/en/stable/releases/", "release notes beat the homepage")
        #expect(move.locations == [SourceLocation(file: "requirements.txt", line: 1)])
        #expect(move.hashes.count == 1 && move.hashes[0].hasPrefix("sha256:"))
        #expect(plan.steps.first { $0.package == "requests" }?.moves.first?.link == "https://index.example/project/requests/",
                "without a changelog link, the project page")
    }

    @Test func securityFixCoversEveryVulnerabilityAndSkipsReleasesStillAffected() async throws {
        var index = mixedIndex
        index.metadata["django==3.2.20"]!.vulnerabilities = [
            PlanTesting.vulnerability("GHSA-aaaa", fixedIn: ["3.2.21", "4.2.5"]),
            PlanTesting.vulnerability("GHSA-bbbb", fixedIn: ["3.2.21"]),
        ]
        // The index says 3.2.21 is still affected by GHSA-bbbb (its fixed_in was wrong).
        index.metadata["django==3.2.21"]!.vulnerabilities = [PlanTesting.vulnerability("GHSA-bbbb", fixedIn: ["3.2.22"])]
        let plan = try await PlanTesting.plan(mixedPins, index, policy: PlanTesting.policy(maxLevel: .patch))
        #expect(PlanTesting.summary(plan).first == "security: django 3.2.20→3.2.22")
        #expect(plan.steps.first?.moves.first?.reasons.count == 2)
    }

    @Test func aVulnerabilityWithoutAFixIsBlockedNotDropped() async throws {
        var index = mixedIndex
        index.metadata["sqlparse==0.4.4"]!.vulnerabilities = [PlanTesting.vulnerability("PYSEC-1", fixedIn: [])]
        let plan = try await PlanTesting.plan(mixedPins, index)
        let blocked = try #require(plan.blocked.first { $0.package == "sqlparse" })
        #expect(blocked.kind == .security)
        #expect(blocked.to == nil)
        #expect(blocked.reason.contains("PYSEC-1") && blocked.reason.contains("no fixed release"))
    }

    @Test func yankedPinMovesToTheNearestReplacement() async throws {
        let plan = try await PlanTesting.plan(mixedPins, mixedIndex, policy: PlanTesting.policy(maxLevel: .patch))
        let step = try #require(plan.steps.first { $0.kind == .yanked })
        #expect(step.moves.map(\.to) == ["1.26.18"])
        #expect(step.moves[0].reasons == [.yanked(reason: "broken wheel")])
    }

    @Test func cooldownHoldsBackYoungReleasesButNotSecurityFixes() async throws {
        var index = mixedIndex
        // The only fix was released yesterday.
        index.projects["django"]!.releases.removeAll { $0.version == "3.2.21" }
        index.add("Django", "3.2.23", requires: ["asgiref>=3.3.2,<4", "sqlparse>=0.2.2"], uploaded: "2024-05-31T12:00:00Z")
        index.metadata["django==3.2.20"]!.vulnerabilities = [PlanTesting.vulnerability("GHSA-aaaa", fixedIn: ["3.2.23"])]
        let plan = try await PlanTesting.plan(mixedPins, index, policy: PlanTesting.policy(maxLevel: .minor, minAge: 7))
        let security = try #require(plan.steps.first)
        #expect(security.moves.map(\.to) == ["3.2.23"])
        #expect(security.notes.contains { $0.contains("younger than min-age") })
        // requests 2.31.0 is two days old: the minor step stops at 2.30.0 and 2.31.0 is held.
        #expect(PlanTesting.summary(plan).contains("minor: requests 2.28.2→2.30.0"))
        let held = try #require(plan.held.first { $0.package == "requests" })
        #expect(held.cause == .cooldown)
        #expect(held.reason.contains("2024-05-30") && held.reason.contains("2024-06-06"))
        // min-age 0 turns it off.
        let off = try await PlanTesting.plan(mixedPins, index, policy: PlanTesting.policy(maxLevel: .minor, minAge: 0))
        #expect(PlanTesting.summary(off).contains("minor: requests 2.28.2→2.31.0"))
    }

    @Test func frozenPackagesNeverMoveAndSayWhy() async throws {
        let plan = try await PlanTesting.plan(mixedPins, mixedIndex, policy: PlanTesting.policy(freeze: ["django"]))
        #expect(!plan.steps.contains { $0.packages.contains("django") })
        let held = try #require(plan.held.first { $0.package == "django" })
        #expect(held.cause == .frozen)
        #expect(held.reason.contains("GHSA-aaaa"))
    }

    @Test func maxLevelLimitsRoutineUpdatesGloballyAndPerPackage() async throws {
        let policy = PlanTesting.policy(maxLevel: .minor, packages: ["requests": PackagePlanConfiguration(maxLevel: .patch)])
        let plan = try await PlanTesting.plan(mixedPins, mixedIndex, policy: policy)
        #expect(!plan.steps.contains { $0.kind == .major })
        #expect(!plan.steps.contains { $0.kind == .minor && $0.package == "requests" })
        #expect(plan.held.first { $0.package == "django" }?.cause == .maxLevel)
        #expect(plan.held.first { $0.package == "requests" }?.cause == .maxLevel)
        #expect(plan.held.first { $0.package == "urllib3" }?.reason.contains("major") == true)
    }

    @Test func securityFixAboveMaxLevelIsProposedWithANote() async throws {
        var index = mixedIndex
        index.metadata["django==3.2.20"]!.vulnerabilities = [PlanTesting.vulnerability("GHSA-cccc", fixedIn: ["4.2.5"])]
        let plan = try await PlanTesting.plan(mixedPins, index, policy: PlanTesting.policy(maxLevel: .patch))
        let step = try #require(plan.steps.first)
        #expect(step.kind == .security && step.moves.map(\.to) == ["4.2.5"])
        #expect(step.notes.contains { $0.contains("above its max-level patch") })
    }

    @Test func preReleasesAndReleasesRefusingTheTargetPythonAreNotProposed() async throws {
        var index = mixedIndex
        index.add("requests", "2.32.0rc1", requires: ["urllib3>=1.21.1,<3"], uploaded: "2024-05-01T00:00:00Z")
        index.add("requests", "2.33.0", requires: ["urllib3>=1.21.1,<3"], requiresPython: ">=3.13", uploaded: "2024-05-01T00:00:00Z")
        let plan = try await PlanTesting.plan(mixedPins, index, pythons: ["3.11", "3.12"])
        #expect(PlanTesting.summary(plan).contains("minor: requests 2.28.2→2.31.0"))
        var policy = PlanTesting.policy()
        policy.allowPrereleases = true
        let pre = try await PlanTesting.plan("requests==2.31.0\nurllib3==1.26.18\n", index, policy: policy)
        #expect(PlanTesting.summary(pre).contains("minor: requests 2.31.0→2.32.0rc1"))
    }
}
