import PythonPackaging
@testable import PinAuditCore
import TestSupport

/// Shared helpers of the Plan*Tests suites: parse a requirements text, plan it over a fake index.
enum PlanTesting {
    static let today = CalendarDay(year: 2024, month: 6, day: 1)!

    static func entries(_ text: String, path: String = "requirements.txt") throws -> [RequirementEntry] {
        try RequirementsFileParser(reader: InMemoryFiles([path: text])).parse(path: path).entries
    }

    static func policy(maxLevel: UpdateKind = .major, minAge: Int = 0, freeze: [String] = [],
                       packages: [String: PackagePlanConfiguration] = [:]) -> PlanConfiguration {
        var policy = PlanConfiguration()
        policy.maxLevel = maxLevel
        policy.minAge = minAge
        policy.freeze = freeze
        policy.packages = packages
        return policy
    }

    static func plan(_ text: String, _ index: FakeIndex, policy: PlanConfiguration = policy(),
                     today: CalendarDay = today, pythons: [String] = ["3.12"]) async throws -> Plan {
        let options = PlanOptions(targets: pythons.map { .target(pythonVersion: $0, platform: .linux) }, pythons: pythons,
                                  targetLabels: pythons.map { "\($0)/linux" }, policy: policy, today: today)
        return await UpdatePlanner(index: IndexMemo(index), options: options).plan(entries: try entries(text))
    }

    /// `name from→to` of every move of every step, for compact expectations.
    static func summary(_ plan: Plan) -> [String] {
        plan.steps.map { step in
            "\(step.kind.rawValue): " + step.moves.map { "\($0.name) \($0.from ?? "+")→\($0.to)" }.joined(separator: ", ")
        }
    }

    static func vulnerability(_ id: String, fixedIn: [String], aliases: [String] = []) -> Vulnerability {
        Vulnerability(id: id, aliases: aliases, fixedIn: fixedIn, summary: "Problem \(id).", link: "https://advisories.example/\(id)")
    }

    /// boto3 and its coupled dependencies, with realistic `Requires-Dist`.
    static var awsIndex: FakeIndex {
        var index = FakeIndex()
        let jmes = "jmespath>=0.7.1,<2.0.0"
        index.add("boto3", "1.28.0", requires: ["botocore>=1.31.0,<1.32.0", jmes, "s3transfer>=0.6.0,<0.7.0"], uploaded: "2023-07-01T00:00:00Z")
        index.add("boto3", "1.28.5", requires: ["botocore>=1.31.5,<1.32.0", jmes, "s3transfer>=0.6.0,<0.7.0"], uploaded: "2023-07-10T00:00:00Z")
        index.add("boto3", "1.34.0", requires: ["botocore>=1.34.0,<1.35.0", jmes, "s3transfer>=0.10.0,<0.11.0",
                                                "awscrt==0.19.19; extra == \"crt\""], uploaded: "2023-12-01T00:00:00Z")
        index.add("botocore", "1.31.0", requires: [jmes, "urllib3>=1.25.4,<1.27"], uploaded: "2023-07-01T00:00:00Z")
        index.add("botocore", "1.31.5", requires: [jmes, "urllib3>=1.25.4,<1.27"], uploaded: "2023-07-10T00:00:00Z")
        index.add("botocore", "1.34.0", requires: [jmes, "urllib3>=1.25.4,<2.1"], uploaded: "2023-12-01T00:00:00Z")
        index.add("botocore", "1.34.10", requires: [jmes, "urllib3>=1.25.4,<2.1"], uploaded: "2024-01-01T00:00:00Z")
        index.add("botocore", "1.35.0", requires: [jmes, "urllib3>=1.25.4,<2.1"], uploaded: "2024-03-01T00:00:00Z")
        index.add("s3transfer", "0.6.0", requires: ["botocore>=1.12.36,<2.0a.0"], uploaded: "2023-07-01T00:00:00Z")
        index.add("s3transfer", "0.6.2", requires: ["botocore>=1.12.36,<2.0a.0"], uploaded: "2023-07-10T00:00:00Z")
        index.add("s3transfer", "0.10.0", requires: ["botocore>=1.33.2,<2.0a.0"], uploaded: "2023-12-01T00:00:00Z")
        index.add("s3transfer", "0.10.1", requires: ["botocore>=1.33.2,<2.0a.0"], uploaded: "2024-01-01T00:00:00Z")
        index.add("jmespath", "1.0.1", uploaded: "2022-06-01T00:00:00Z")
        index.add("urllib3", "1.26.18", uploaded: "2023-10-17T00:00:00Z")
        index.add("awscrt", "0.19.19", uploaded: "2023-12-01T00:00:00Z")
        return index
    }

    static let awsPins = "boto3==1.28.0\nbotocore==1.31.0\ns3transfer==0.6.0\njmespath==1.0.1\nurllib3==1.26.18\n"
}
