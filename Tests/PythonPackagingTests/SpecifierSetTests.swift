import Testing
@testable import PythonPackaging

@Suite struct SpecifierSetTests {
    @Test(arguments: SpecifierSetTables.parsing)
    func parsesLikePackaging(_ row: (text: String, normalized: String, count: Int)) throws {
        let set = try SpecifierSet(row.text)
        #expect(set.normalizedDescription == row.normalized)
        #expect(set.clauses.count == row.count)
        #expect(try SpecifierSet(row.normalized) == set)
    }

    @Test(arguments: SpecifierSetTables.invalid)
    func rejectsWhatPackagingRejects(_ text: String) {
        #expect(throws: PackagingParseError.self) { try SpecifierSet(text) }
    }

    @Test(arguments: SpecifierSetTables.membership)
    func containsLikePackaging(_ row: (set: String, version: String, expected: String, expectedForText: String)) throws {
        let set = try SpecifierSet(row.set)
        let version = try Version(row.version)
        #expect(prereleaseModes.map { set.contains(version, prereleases: $0) } == flags(row.expected))
        #expect(prereleaseModes.map { set.contains(text: row.version, prereleases: $0) } == flags(row.expectedForText))
    }

    @Test(arguments: SpecifierSetTables.filtering)
    func filtersLikePackaging(_ row: (set: String, versions: [String], prereleases: Bool?, expected: [String])) throws {
        let set = try SpecifierSet(row.set)
        let versions = try row.versions.map { try Version($0) }
        #expect(set.filter(versions, prereleases: row.prereleases).map(\.description) == row.expected)
    }

    @Test func writtenOrderIsKeptInDescription() throws {
        let set = try SpecifierSet("<2, >=1.0")
        #expect(set.description == "<2,>=1.0")
        #expect(set.normalizedDescription == "<2,>=1.0")
        #expect(try SpecifierSet(">=1.0").intersection(SpecifierSet("<2")) == SpecifierSet("<2,>=1.0"))
    }
}
