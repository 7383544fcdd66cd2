import Testing
import PythonPackaging
@testable import PinAuditCore
import TestSupport

@Suite struct ClosureAnalysisTests {
    static let linux312 = ClosureAnalysis.Options(targets: [.target(pythonVersion: "3.12", platform: .linux)], pythons: ["3.12"])

    func entries(_ text: String) throws -> [RequirementEntry] {
        try RequirementsFileParser(reader: InMemoryFiles(["r.txt": text])).parse(path: "r.txt").entries
    }

    func run(_ text: String, _ index: FakeIndex, options: ClosureAnalysis.Options = linux312) async throws -> ClosureResult {
        await ClosureAnalysis(index: IndexMemo(index), options: options).run(entries: try entries(text))
    }

    var webIndex: FakeIndex {
        var index = FakeIndex()
        index.add("Flask", "2.0.1", requires: ["Werkzeug>=2.0", "Jinja2>=3.0", "click>=7.1.2", "asgiref>=3.2; extra == \"async\"",
                                               "colorama; platform_system == \"Windows\""])
        index.add("Werkzeug", "2.0.1")
        index.add("Werkzeug", "3.0.0", requiresPython: ">=3.8")
        index.add("Jinja2", "3.0.0", requires: ["MarkupSafe>=2.0"])
        index.add("MarkupSafe", "2.0.0")
        index.add("MarkupSafe", "2.1.5")
        index.add("MarkupSafe", "3.0.0a1")
        index.add("click", "8.0.0")
        index.add("asgiref", "3.4.0")
        index.add("colorama", "0.4.6")
        return index
    }

    @Test func reportsEveryUnpinnedTransitiveWithItsChain() async throws {
        let result = try await run("flask==2.0.1\nwerkzeug==2.0.1\njinja2==3.0.0\n", webIndex)
        #expect(result.packages.map(\.name) == ["click", "flask", "jinja2", "markupsafe", "werkzeug"])
        let unpinned = result.findings.filter { $0.rule == .unpinnedTransitive }
        #expect(unpinned.map(\.package) == ["click", "markupsafe"])
        let markupsafe = try #require(unpinned.last)
        #expect(markupsafe.message.contains("jinja2==3.0.0"))
        #expect(markupsafe.message.contains("MarkupSafe==2.1.5"), "suggests the newest final release, not the pre-release")
        #expect(markupsafe.message.contains("flask==2.0.1 → Jinja2==3.0.0 → MarkupSafe") || markupsafe.message.contains("→ MarkupSafe"))
        #expect(markupsafe.location == SourceLocation(file: "r.txt", line: 3))
        #expect(result.packages.first { $0.name == "markupsafe" }?.requiredBy == ["jinja2"])
        #expect(result.packages.first { $0.name == "flask" }?.direct == true)
        #expect(!result.incomplete)
    }

    @Test func propagatesExtrasAndEvaluatesMarkersPerTarget() async throws {
        let linux = try await run("flask[async]==2.0.1\n", webIndex)
        #expect(linux.packages.map(\.name).contains("asgiref"))
        #expect(!linux.packages.map(\.name).contains("colorama"))
        let windows = ClosureAnalysis.Options(targets: [.target(pythonVersion: "3.12", platform: .linux), .target(pythonVersion: "3.12", platform: .windows)], pythons: ["3.12"])
        let both = try await run("flask==2.0.1\n", webIndex, options: windows)
        #expect(both.packages.map(\.name).contains("colorama"))
        #expect(!both.packages.map(\.name).contains("asgiref"))
    }

    @Test func reportsAConflictWithTheDependentsSpecifier() async throws {
        let result = try await run("flask==2.0.1\nwerkzeug==1.0\njinja2==3.0.0\nmarkupsafe==2.0.0\nclick==8.0.0\n", {
            var i = webIndex; i.add("Werkzeug", "1.0"); return i }())
        let conflict = try #require(result.findings.first { $0.rule == .conflict })
        #expect(conflict.package == "werkzeug")
        #expect(conflict.message.lowercased().contains("werkzeug>=2.0"))
        #expect(conflict.location?.line == 2)
        #expect(result.findings.filter { $0.rule == .unpinnedTransitive }.isEmpty)
    }

    @Test func unknownPackagesVersionsAndIndexErrorsAreFindingsNotCrashes() async throws {
        var index = webIndex
        index.failures["broken"] = .unavailable(reason: "503 Service Unavailable after 4 tries")
        let result = try await run("nosuchpkg==1.0\nflask==9.9\nbroken==1.0\n", index)
        #expect(result.findings.contains { $0.rule == .unknownPackage && $0.package == "nosuchpkg" })
        #expect(result.findings.contains { $0.rule == .unknownVersion && $0.package == "flask" })
        let indexError = try #require(result.findings.first { $0.rule == .indexError })
        #expect(indexError.message.contains("503"))
        #expect(result.incomplete)
    }

    @Test func matchesPinsToReleasesByPEP440Equality() async throws {
        var index = FakeIndex()
        index.add("Django", "3.2", requires: ["sqlparse>=0.2.2"])
        index.add("sqlparse", "0.4.4")
        let result = try await run("Django==3.2.0\nsqlparse==0.4.4\n", index)
        #expect(result.findings.isEmpty)
        #expect(result.walkedVersions["django"] == "3.2")
    }

    @Test func constraintsPinTransitivePackages() async throws {
        let files = InMemoryFiles(["r.txt": "-c c.txt\nflask==2.0.1\n", "c.txt": "werkzeug==2.0.1\njinja2==3.0.0\nmarkupsafe==2.0.0\nclick==8.0.0\n"])
        let reading = try RequirementsFileParser(reader: files).parse(path: "r.txt")
        let result = await ClosureAnalysis(index: IndexMemo(webIndex), options: Self.linux312).run(entries: reading.entries)
        #expect(result.findings.isEmpty)
        #expect(result.packages.first { $0.name == "werkzeug" }?.version == "2.0.1")
    }

    @Test func rechoosesAnUnpinnedPackageWhenALaterSpecifierNarrowsIt() async throws {
        var index = FakeIndex()
        index.add("a", "1.0", requires: ["c"])
        index.add("b", "1.0", requires: ["c<2"])
        index.add("c", "1.0", requires: ["old-dep"])
        index.add("c", "2.0", requires: ["new-dep"])
        index.add("old-dep", "1.0")
        index.add("new-dep", "1.0")
        let result = try await run("a==1.0\nb==1.0\n", index)
        #expect(result.packages.map(\.name) == ["a", "b", "c", "old-dep"])
        #expect(result.suggestions["c"] == "1.0")
    }
}

@Suite struct LockGraphClosureTests {
    @Test func aLockfilesGraphIsWalkedWithoutAskingTheIndex() async throws {
        let lock = """
            version = 1
            requires-python = ">=3.9"

            [[package]]
            name = "app"
            version = "1.0.0"
            source = { editable = "." }
            dependencies = [{ name = "requests" }]

            [[package]]
            name = "requests"
            version = "2.31.0"
            source = { registry = "https://files.example/simple" }
            dependencies = [
                { name = "idna" },
                { name = "colorama", marker = "sys_platform == 'win32'" },
            ]

            [[package]]
            name = "idna"
            version = "3.7"
            source = { registry = "https://files.example/simple" }

            [[package]]
            name = "colorama"
            version = "0.4.6"
            source = { registry = "https://files.example/simple" }
            """
        let reading = LockfileParser.parse(path: "uv.lock", text: lock).sourceReading
        var index = FakeIndex()
        index.failures["requests"] = .unavailable(reason: "must not be asked")
        index.failures["idna"] = .unavailable(reason: "must not be asked")
        let options = ClosureAnalysis.Options(targets: [.target(pythonVersion: "3.12", platform: .linux)], pythons: ["3.12"],
                                              knownDependencies: reading.lockDependencies)
        let result = await ClosureAnalysis(index: IndexMemo(index), options: options).run(entries: reading.entries)
        #expect(!result.incomplete, "\(result.findings)")
        #expect(result.findings.isEmpty, "\(result.findings)")
        #expect(result.packages.first { $0.name == "idna" }?.requiredBy == ["requests"])
        #expect(!result.packages.contains { $0.name == "colorama" && $0.requiredBy.contains("requests") })
    }
}
