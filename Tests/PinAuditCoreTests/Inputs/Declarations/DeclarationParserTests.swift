import Foundation
import PythonPackaging
import Testing
@testable import PinAuditCore

@Suite struct DeclarationParserTests {
    static let pyproject = """
        [build-system]
        requires = ["hatchling>=1.0"]

        [project]
        name = "demo-app"
        dependencies = [
            "flask>=2",   # the web framework, "quoted" in a comment
            'requests==2.31.0',
        ]

        [project.optional-dependencies]
        test = ["pytest>=7", "demo-app[extra]"]

        [dependency-groups]
        dev = ["ruff==0.5.0", {include-group = "lint"}]
        lint = [
          "mypy>=1",
        ]
        """

    static func summary(_ file: DeclarationFile) -> [String] {
        (file.dependencies + file.buildRequirements).map { "\($0.declaredIn ?? "?"):\($0.location.line):\($0.requirement?.description ?? "?")" }
    }

    @Test(arguments: [false, true])
    func readsPEP621AndPEP735AndBuildSystem(crlf: Bool) {
        let text = crlf ? Self.pyproject.replacingOccurrences(of: "\n", with: "\r\n") : Self.pyproject
        let file = DeclarationFile.parse(path: "pyproject.toml", text: text, kind: .pyproject)
        #expect(file.findings.isEmpty)
        #expect(Self.summary(file) == [
            "project.dependencies:7:flask>=2", "project.dependencies:8:requests==2.31.0",
            "project.optional-dependencies.test:12:pytest>=7", "project.optional-dependencies.test:12:demo-app[extra]",
            "dependency-groups.dev:15:ruff==0.5.0", "dependency-groups.lint:17:mypy>=1",
            "build-system.requires:2:hatchling>=1.0",
        ])
        #expect(file.projectNames == ["demo-app"])
        // The project's own extras are no pin of their own; the rest are requirements when nothing locks them.
        let reading = file.sourceReading(lockedBy: nil)
        #expect(reading.entries.compactMap(\.canonicalName) == ["flask", "requests", "pytest", "ruff", "mypy"])
        #expect(reading.entries.allSatisfy { $0.origin == .pyproject && $0.lockedBy == nil })
        let locked = file.sourceReading(lockedBy: "uv.lock")
        #expect(locked.entries.isEmpty)
        #expect(locked.declarations.filter { $0.lockedBy == "uv.lock" }.count == 5)
    }

    @Test func includeGroupCyclesAreErrorsWithTheChain() {
        let text = """
            [dependency-groups]
            a = ["x==1", {include-group = "b"}]
            b = [{include-group = "a"}]
            """
        let file = DeclarationFile.parse(path: "pyproject.toml", text: text, kind: .pyproject)
        let cycles = file.findings.filter { $0.rule == .parseError }
        #expect(cycles.count == 2)
        #expect(cycles.first?.message.contains("a → b → a") == true)
        #expect(cycles.first?.location?.line == 3)  // the include that closes the cycle
        let missing = DeclarationFile.parse(path: "p.toml", text: "[dependency-groups]\na = [{include-group = \"nope\"}]\n", kind: .pyproject)
        #expect(missing.findings.first?.message.contains("`nope`, which is not defined") == true)
    }

    @Test func readsPoetryTables() {
        let text = """
            [tool.poetry]
            name = "svc"

            [tool.poetry.dependencies]
            python = "^3.9"
            flask = "^2.0"
            requests = { version = "2.31.0", extras = ["socks"] }
            numpy = [
                { version = "1.24.4", python = "<3.9" },
                { version = "^1.26", python = ">=3.9" },
            ]
            mylib = { git = "https://example.invalid/mylib.git", tag = "v1.0" }

            [tool.poetry.group.dev.dependencies]
            pytest = "*"
            """
        let file = DeclarationFile.parse(path: "pyproject.toml", text: text, kind: .pyproject)
        #expect(file.findings.isEmpty)
        #expect(Self.summary(file) == [
            "tool.poetry.dependencies:6:flask<3.0,>=2.0",
            "tool.poetry.dependencies:7:requests[socks]==2.31.0",
            #"tool.poetry.dependencies:8:numpy==1.24.4; python_version < "3.9""#,
            #"tool.poetry.dependencies:8:numpy<2.0,>=1.26; python_version >= "3.9""#,
            "tool.poetry.dependencies:12:mylib @ git+https://example.invalid/mylib.git@v1.0",
            "tool.poetry.group.dev.dependencies:15:pytest",
        ])
        #expect(file.projectNames == ["svc"])
    }

    @Test func readsPipfileCategories() {
        let text = """
            [[source]]
            url = "https://registry.invalid/simple"
            name = "main"

            [packages]
            flask = "==2.0.1"
            requests = {version = ">=2.25", extras = ["socks"]}
            pywin32 = {version = "*", sys_platform = "== 'win32'"}

            [dev-packages]
            pytest = "*"

            [docs]
            sphinx = "==7.0.0"

            [requires]
            python_version = "3.12"
            """
        let file = DeclarationFile.parse(path: "Pipfile", text: text, kind: .pipfile)
        #expect(file.findings.isEmpty)
        #expect(Self.summary(file) == [
            "packages:6:flask==2.0.1", "packages:7:requests[socks]>=2.25", #"packages:8:pywin32; sys_platform == "win32""#,
            "dev-packages:11:pytest", "docs:14:sphinx==7.0.0",
        ])
        #expect(file.dependencies.allSatisfy { $0.origin == .pipfile })
    }

    @Test func invalidTOMLAndBadEntriesAreFindingsWithLines() {
        let broken = DeclarationFile.parse(path: "pyproject.toml", text: "[project]\ndependencies = [\"flask\"\n", kind: .pyproject)
        #expect(broken.findings.first?.rule == .parseError)
        let bad = DeclarationFile.parse(path: "pyproject.toml", text: "[project]\ndependencies = [\n  \"flask >>= 2\",\n]\n", kind: .pyproject)
        #expect(bad.findings.first?.location?.line == 3)
        #expect(bad.findings.first?.message.contains("not a PEP 508 requirement") == true)
        let poetry = DeclarationFile.parse(path: "pyproject.toml", text: "[tool.poetry.dependencies]\nflask = \"banana\"\n", kind: .pyproject)
        #expect(poetry.findings.first?.location?.line == 2)
    }
}
