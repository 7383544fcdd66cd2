import Testing
@testable import PythonPackaging

@Test func versionNormalizes() throws {
    #expect(try Version("1.0-ALPHA_1").description == "1.0a1")
    #expect(try Version("3.2.0") == Version("3.2"))
    #expect(try Version("1.0.dev1") < Version("1.0a1"))
}

@Test func specifierContains() throws {
    #expect(try Specifier(">=1.0").contains(Version("1.2")))
    #expect(try !SpecifierSet(">=1.0,<2").contains(Version("2.0")))
}

@Test func requirementParses() throws {
    let r = try Requirement("Flask_SQLAlchemy [b, a] (>=2.0, <3) ; python_version >= '3.8' and extra == 'Dev_X'")
    #expect(r.description == "Flask_SQLAlchemy[a,b]<3,>=2.0; python_version >= \"3.8\" and extra == \"dev-x\"")
    #expect(r.marker?.evaluate(.target(pythonVersion: "3.12", platform: .linux), extras: ["dev_x"]) == true)
    #expect(throws: PackagingParseError.self) { try Requirement("name >= 1.0 foo") }
}
