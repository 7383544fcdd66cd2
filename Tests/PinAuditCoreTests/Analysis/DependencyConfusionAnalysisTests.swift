import PinAuditCore
import Testing
import TestSupport

@Suite struct DependencyConfusionAnalysisTests {
    @Test func onePerPackageInNameOrderAtItsFirstRequirement() throws {
        let reading = try RequirementsFileParser(reader: InMemoryFiles(["r.txt": "Foo_Bar==1.0\nzed==2\nfoo-bar==1.0\n"]))
            .parse(path: "r.txt", asConstraint: false)
        let findings = DependencyConfusionAnalysis.findings(
            projectsOnSeveralIndexes: ["zed": ["https://one.invalid/simple", "https://two.invalid/simple"],
                                       "foo-bar": ["https://one.invalid/simple", "https://three.invalid/simple"],
                                       "transitive": ["https://one.invalid/simple", "https://two.invalid/simple"]],
            entries: reading.entries)
        #expect(findings.map(\.package) == ["foo-bar", "transitive", "zed"])
        #expect(findings.map(\.rule) == [.dependencyConfusion, .dependencyConfusion, .dependencyConfusion])
        #expect(findings[0].location == SourceLocation(file: "r.txt", line: 1))
        #expect(findings[1].location == nil)
        #expect(findings[2].message == "zed exists on more than one index (https://one.invalid/simple, https://two.invalid/simple): pip may install it from any of them. Make sure the public one is not an impostor, or use a single index.")
    }

    @Test func nothingWhenEveryPackageHasOneIndex() {
        #expect(DependencyConfusionAnalysis.findings(projectsOnSeveralIndexes: [:], entries: []).isEmpty)
    }
}
