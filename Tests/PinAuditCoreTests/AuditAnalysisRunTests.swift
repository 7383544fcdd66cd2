import Foundation
import Testing
import PinAuditCore
import TestSupport

/// `AuditAnalysis.run` over many packages, and how it asks the index.
struct AuditAnalysisRunTests {
    /// A `PackageIndex` over a `FakeIndex` that counts project lookups by name.
    final class CountingIndex: PackageIndex, @unchecked Sendable {
        let fake: FakeIndex
        private let lock = NSLock()
        private(set) var projectAsks: [String: Int] = [:]
        private(set) var inFlight = 0
        private(set) var mostInFlight = 0

        init(_ fake: FakeIndex) { self.fake = fake }

        func project(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure> {
            lock.withLock {
                projectAsks[canonicalName, default: 0] += 1
                inFlight += 1
                mostInFlight = max(mostInFlight, inFlight)
            }
            try? await Task.sleep(nanoseconds: 200_000)
            defer { lock.withLock { inFlight -= 1 } }
            return await fake.project(canonicalName)
        }

        func metadata(_ canonicalName: String, version: String) async -> Result<VersionMetadata, IndexFailure> {
            await fake.metadata(canonicalName, version: version)
        }
    }

    /// More packages than the audit's window: every one is audited, results stay in package order,
    /// each project is asked once, and no more than the window are asked at a time.
    @Test func manyPackagesAreAuditedInOrderAWindowAtATime() async {
        var fake = FakeIndex()
        var packages: [PackageReport] = []
        for n in 0..<150 {
            fake.add("pkg\(n)", "1.0")
            fake.add("pkg\(n)", "1.\(n % 3 + 1)")
            packages.append(PackageReport(name: "pkg\(n)", version: "1.0", direct: true))
        }
        let counting = CountingIndex(fake)
        let memo = IndexMemo(counting)
        let outcome = await AuditAnalysis(index: memo, options: AuditOptions(pythonVersions: ["3.12"], today: CalendarDay(year: 2026, month: 11, day: 23)!))
            .run(packages: packages, pins: [:], walkedVersions: [:])
        #expect(outcome.packages.map(\.name) == packages.map(\.name))
        #expect(outcome.packages.map(\.latest) == (0..<150).map { "1.\($0 % 3 + 1)" })
        #expect(outcome.findings.filter { $0.rule == .outdated }.count == 150)
        #expect(counting.projectAsks.count == 150 && counting.projectAsks.values.allSatisfy { $0 == 1 })
        #expect(counting.mostInFlight <= 32, "\(counting.mostInFlight)")
        #expect(counting.mostInFlight > 1, "the window is used: \(counting.mostInFlight)")
    }

    /// The audit shares an answer the walk already has, and does not keep the ones it asks for:
    /// a later `project` asks the index again.
    @Test func projectOnceSharesKnownAnswersAndKeepsNoNewOnes() async {
        var fake = FakeIndex()
        fake.add("walked", "1.0")
        fake.add("audited", "1.0")
        let counting = CountingIndex(fake)
        let memo = IndexMemo(counting)
        _ = await memo.project("walked")
        _ = await memo.projectOnce("walked")
        _ = await memo.projectOnce("audited")
        _ = await memo.project("audited")
        #expect(counting.projectAsks == ["walked": 1, "audited": 2])
        let known = await memo.knownProjects()
        #expect(Set(known.keys) == ["walked", "audited"])
    }
}
