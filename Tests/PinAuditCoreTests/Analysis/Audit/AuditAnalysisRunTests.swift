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

    /// Audits done ahead of the walk are used when the walk walked the same key for the same pin,
    /// and done again otherwise; both ways give what a plain run gives.
    @Test func earlyAuditsAreUsedOnlyForTheSameKey() async {
        var fake = FakeIndex()
        fake.add("a", "1.0"); fake.add("a", "1.1")
        fake.add("b", "2.0"); fake.add("b", "2.0.1")
        let counting = CountingIndex(fake)
        let analysis = AuditAnalysis(index: IndexMemo(counting), options: AuditOptions(today: CalendarDay(year: 2026, month: 11, day: 23)!))
        let pins = ["a": AuditPin(name: "a", version: "1.0"), "b": AuditPin(name: "b", version: "2.0")]
        let packages = [PackageReport(name: "a", version: "1.0", direct: true), PackageReport(name: "b", version: "2.0", direct: true)]
        let plain = await analysis.run(packages: packages, pins: pins, walkedVersions: [:])

        var early = await analysis.audits(of: Array(pins.values))
        #expect(Set(early.keys) == ["a", "b"])
        #expect(early["a"]?.result.latest == "1.1" && early["b"]?.key == "2.0")
        // A marker in a's early result shows whether it was used; b's walked key differs, so b is audited again.
        early["a"]?.result.latest = "from the head start"
        early["b"]?.result.latest = "from the head start"
        let asksBefore = counting.projectAsks["b", default: 0]
        let reused = await analysis.run(packages: packages, pins: pins, walkedVersions: ["b": "2.0.0"], early: early)
        #expect(reused.packages.map(\.latest) == ["from the head start", "2.0.1"])
        #expect(counting.projectAsks["b", default: 0] == asksBefore + 1)
        #expect(plain.packages.map(\.latest) == ["1.1", "2.0.1"])
    }
}
