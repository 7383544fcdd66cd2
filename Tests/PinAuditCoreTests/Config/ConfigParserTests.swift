import Testing
import PinAuditCore
import PythonPackaging

struct ConfigParserTests {
    static let full = """
        # pinaudit configuration
        python-versions = ["3.12", "3.11"]
        platforms = ["linux", "macos"]
        fail-on = "warning"
        allow-unpinned = ["My_Lib", "./src/"]
        outdated = { patch = "off", minor = "note", major = "error" }
        vuln-source = "both"
        osv-url = "https://osv.example/v1"
        index-url = "https://index.example/simple"
        extra-index-urls = [
          "https://private.example/simple",
        ]

        [severity]
        hash-partial = "off"
        local-version = "error"

        [plan]
        max-level = "patch"
        min-age = 7
        freeze = ["NumPy"]
        allow-prereleases = true

        [plan.packages.Django]
        max-level = "major"

        [[ignore]]
        rule = "vulnerable"
        package = "Django"
        id = "GHSA-aaaa-bbbb-cccc"
        reason = "not reachable"
        until = "2026-12-31"

        [[ignore]]
        rule = "outdated"
        reason = "we update quarterly"
        until = 2025-01-01
        """

    @Test func readsEveryKey() throws {
        let c = try #require(try ConfigurationParser.parse(Self.full, file: ".pinaudit.toml"))
        #expect(c.file == ".pinaudit.toml")
        #expect(c.pythonVersions == ["3.12", "3.11"])
        #expect(c.platforms == [.linux, .macos])
        #expect(c.failOn == .warning)
        #expect(c.allowUnpinned == ["My_Lib", "./src/"])
        // Names match canonically; a path matches a requirement's URL or the file that declares it.
        let location = SourceLocation(file: "requirements.txt", line: 1)
        #expect(c.allowsUnpinned(RequirementEntry(requirement: try Requirement("my.lib>=1"), location: location)))
        #expect(!c.allowsUnpinned(RequirementEntry(requirement: try Requirement("other>=1"), location: location)))
        #expect(c.allowsUnpinned(RequirementEntry(requirement: try Requirement("other>=1"), location: SourceLocation(file: "src/", line: 1))))
        #expect(c.outdated == OutdatedSeverities(patch: nil, minor: .note, major: .error))
        #expect(c.vulnSource == .both)
        #expect(c.osvURL == "https://osv.example/v1")
        #expect(c.indexURL == "https://index.example/simple")
        #expect(c.extraIndexURLs == ["https://private.example/simple"])
        #expect(c.severity == [.hashPartial: .off, .localVersionAmbiguous: .level(.error)])
        #expect(c.plan.maxLevel == .patch && c.plan.minAge == 7 && c.plan.freeze == ["numpy"] && c.plan.allowPrereleases)
        #expect(c.plan.maxLevel(for: "django") == .major && c.plan.maxLevel(for: "flask") == .patch)
        #expect(c.ignores.count == 2)
        #expect(c.ignores[0] == IgnoreRule(rule: .vulnerable, package: "django", id: "GHSA-aaaa-bbbb-cccc", reason: "not reachable",
                                           until: CalendarDay(year: 2026, month: 12, day: 31),
                                           location: SourceLocation(file: ".pinaudit.toml", line: 27)))
        #expect(c.ignores[1].until == CalendarDay(year: 2025, month: 1, day: 1))
        #expect(c.ignores[1].location?.line == 34)
    }

    @Test func readsCRLFText() throws {
        let crlf = Self.full.replacingOccurrences(of: "\n", with: "\r\n")
        let c = try #require(try ConfigurationParser.parse(crlf, file: ".pinaudit.toml"))
        #expect(c.ignores.map { $0.location?.line } == [27, 34])
    }

    @Test func emptyFileIsDefaults() throws {
        let c = try #require(try ConfigurationParser.parse("", file: ".pinaudit.toml"))
        #expect(c.outdated == .default && c.vulnSource == .auto && c.ignores.isEmpty && c.pythonVersions == nil)
    }

    @Test func pyprojectUsesToolTable() throws {
        let text = """
            [project]
            name = "demo"

            [tool.black]
            line-length = 100

            [tool.pinaudit]
            python-versions = ["3.13"]

            [[tool.pinaudit.ignore]]
            rule = "outdated"
            bogus = 1
            """
        #expect(throws: ConfigurationError.self) { try ConfigurationParser.parse(text, file: "sub/pyproject.toml") }
        do {
            _ = try ConfigurationParser.parse(text, file: "sub/pyproject.toml")
        } catch let error as ConfigurationError {
            #expect(error.problems.map(\.description) == [
                "sub/pyproject.toml:10: tool.pinaudit.ignore[1].reason: missing: every ignore needs a reason, so that the next reader knows why",
                "sub/pyproject.toml:12: tool.pinaudit.ignore[1].bogus: unknown key; known keys here: rule, package, id, reason, until",
            ])
        }
        #expect(try ConfigurationParser.parse("[project]\nname = \"x\"\n", file: "pyproject.toml") == nil)
        let ok = try ConfigurationParser.parse("[tool.pinaudit]\npython-versions = [\"3.13\"]\n", file: "pyproject.toml")
        #expect(ok?.pythonVersions == ["3.13"])
    }

    @Test(arguments: [
        ("fail-on = 3\n", ".pinaudit.toml:1: fail-on: expected a string, found integer"),
        ("\n\nfail-on = \"sometimes\"\n", ".pinaudit.toml:3: fail-on: expected one of error, warning, note, never, found \"sometimes\""),
        ("colour = true\n", ".pinaudit.toml:1: colour: unknown key; known keys here: python-versions, platforms, fail-on, allow-unpinned, outdated, vuln-source, osv-url, vuln-db, vuln-db-url, index-url, extra-index-urls, severity, plan, ignore"),
        ("[severity]\nyanked = \"loud\"\n", ".pinaudit.toml:2: severity.yanked: expected one of error, warning, note, off, found \"loud\""),
        ("[plan]\nmin-age = -1\n", ".pinaudit.toml:2: plan.min-age: expected a number of days (0 or more), found -1"),
        ("[plan.packages.django]\nmax-level = \"huge\"\n", ".pinaudit.toml:2: plan.packages.django.max-level: expected one of patch, minor, major, found \"huge\""),
        ("outdated = { patch = \"loud\" }\n", ".pinaudit.toml:1: outdated.patch: expected one of error, warning, note, off, found \"loud\""),
        ("python-versions = [\"3.12\", 3]\n", ".pinaudit.toml:1: python-versions[2]: expected a string, found integer"),
        ("[[ignore]]\nrule = \"vulnerable\"\nreason = \"x\"\nuntil = \"soon\"\n", ".pinaudit.toml:4: ignore[1].until: expected a date such as \"2026-12-31\""),
        ("[[ignore]]\nrule = \"nope\"\nreason = \"x\"\n", ".pinaudit.toml:2: ignore[1].rule: unknown rule id \"nope\""),
        ("x = [\n", ".pinaudit.toml:1: not valid TOML"),
    ])
    func errorsSayWhere(text: String, expected: String) throws {
        do {
            _ = try ConfigurationParser.parse(text, file: ".pinaudit.toml")
            Issue.record("no error for \(text)")
        } catch let error as ConfigurationError {
            #expect(error.problems.first?.description.hasPrefix(expected) == true, "\(error)")
        }
    }

    @Test func severityUnknownRuleIsAnError() throws {
        #expect(throws: ConfigurationError.self) { try ConfigurationParser.parse("[severity]\nnot-a-rule = \"off\"\n", file: "c.toml") }
    }

    @Test func locatorListsNearestFirst() {
        #expect(ConfigLocator.candidates(from: "/home/me/project/") == [
            "/home/me/project/.pinaudit.toml", "/home/me/project/pyproject.toml",
            "/home/me/.pinaudit.toml", "/home/me/pyproject.toml",
            "/home/.pinaudit.toml", "/home/pyproject.toml",
            "/.pinaudit.toml", "/pyproject.toml",
        ])
        #expect(ConfigLocator.candidates(from: "/a/./b/../c") == [
            "/a/c/.pinaudit.toml", "/a/c/pyproject.toml", "/a/.pinaudit.toml", "/a/pyproject.toml", "/.pinaudit.toml", "/pyproject.toml",
        ])
        #expect(ConfigLocator.candidates(from: "/") == ["/.pinaudit.toml", "/pyproject.toml"])
    }
}
