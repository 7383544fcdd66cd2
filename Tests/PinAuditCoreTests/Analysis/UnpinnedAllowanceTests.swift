import PinAuditCore
import Testing
import TestSupport

@Suite struct UnpinnedAllowanceTests {
    static func entries(_ text: String) throws -> [RequirementEntry] {
        try RequirementsFileParser(reader: InMemoryFiles(["r.txt": text, "src/pyproject.toml": "", "lib/pyproject.toml": "", "local/project/pyproject.toml": ""],
                                                   directories: ["src", "lib", "local/project"]))
            .parse(path: "r.txt", asConstraint: false).entries
    }

    @Test(arguments: [
        ("./local/project", true), ("-e ./local/project", true), ("https://files.invalid/pkg/wheelpkg-1.2.3-py3-none-any.whl", false),
        ("git+https://git.invalid/lib.git@main#egg=lib", false), ("name @ https://files.invalid/name-1.0.tar.gz", false),
    ])
    func oneTestOfIsLocal(url: String, local: Bool) throws {
        let entry = try #require(try Self.entries(url + "\n").first)
        #expect(entry.isLocalReference == local)
    }

    @Test func aNamedPackageIsNotLocal() throws {
        #expect(try Self.entries("flask>=2\n").first?.isLocalReference == false)
    }

    @Test func allowingOneEditableAllowsEveryEditableAndNamesArePEP503() throws {
        let entries = try Self.entries("-e ./src\n-e ./lib\nMy_Lib>=1\nflask>=2\n")
        var configuration = Configuration.defaults
        configuration.allowUnpinned = ["./src", "my.lib"]
        let allowance = UnpinnedAllowance(configuration: configuration, entries: entries)
        #expect(allowance.editables && allowance.localPaths)
        #expect(allowance.names.contains("my-lib"))
        #expect(entries.map(allowance.allows) == [true, true, true, false])
        let findings = PinningAnalysis.findings(for: entries, targets: [.target(pythonVersion: "3.12", platform: .linux)], allowUnpinned: allowance)
        #expect(findings.map(\.package) == ["flask"])
    }

    @Test func nothingAllowedByDefault() throws {
        let entries = try Self.entries("-e ./src\nflask>=2\n")
        #expect(UnpinnedAllowance(configuration: .defaults, entries: entries) == .none)
        #expect(entries.map(UnpinnedAllowance.none.allows) == [false, false])
    }
}
