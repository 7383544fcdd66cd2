import Testing
@testable import PythonPackaging

@Suite struct SpecifierTests {
    @Test(arguments: SpecifierTables.valid)
    func parsesLikePackaging(_ row: SpecifierCase) throws {
        let spec = try Specifier(row.text)
        #expect(spec.op.rawValue == row.op)
        #expect(spec.version == row.version)
        #expect(SpecifierSet([spec]).normalizedDescription == row.canonical)
        #expect(spec.impliesPrereleases == row.prereleases)
        #expect(try Specifier(op: spec.op, version: spec.version) == spec)
    }

    @Test(arguments: SpecifierTables.invalid)
    func rejectsWhatPackagingRejects(_ text: String) {
        #expect(throws: PackagingParseError.self) { try Specifier(text) }
    }

    @Test(arguments: SpecifierTables.membership)
    func containsLikePackaging(_ row: (spec: String, version: String, expected: String, expectedForText: String)) throws {
        let spec = try Specifier(row.spec)
        let version = try Version(row.version)
        let got = prereleaseModes.map { spec.contains(version, prereleases: $0) }
        #expect(got == flags(row.expected), "\(row.spec) contains \(row.version) [nil, true, false]")
        let gotForText = prereleaseModes.map { spec.contains(text: row.version, prereleases: $0) }
        #expect(gotForText == flags(row.expectedForText), "\(row.spec) contains text \(row.version)")
    }

    @Test(arguments: SpecifierTables.arbitraryText)
    func arbitraryEqualityComparesText(_ row: (spec: String, text: String, expected: String)) throws {
        let spec = try Specifier(row.spec)
        let got = prereleaseModes.map { spec.contains(text: row.text, prereleases: $0) }
        #expect(got == flags(row.expected))
    }

    @Test(arguments: SpecifierTables.equality)
    func equalityUsesCanonicalForms(_ row: (String, String, Bool)) throws {
        let (a, b) = (try Specifier(row.0), try Specifier(row.1))
        #expect((a == b) == row.2)
        if row.2 { #expect(a.hashValue == b.hashValue) }
    }

    @Test func initWithOperatorChecksTheOperator() {
        #expect(throws: PackagingParseError.self) { try Specifier(op: .less, version: "=1.0") }
        #expect(throws: PackagingParseError.self) { try Specifier(op: .greaterEqual, version: "1.0.*") }
    }
}
