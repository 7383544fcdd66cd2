import Testing
import PythonPackaging
@testable import PinAuditCore
import TestSupport

@Suite struct RequirementsFileParserTests {
    func parse(_ files: [String: String], _ path: String = "requirements.txt", directories: Set<String> = [],
               environment: [String: String] = [:]) throws -> SourceReading {
        try RequirementsFileParser(reader: InMemoryFiles(files, directories: directories), environment: environment).parse(path: path)
    }

    @Test func readsRequirementsWithHashesMarkersAndExtras() throws {
        let reading = try parse(["requirements.txt": """
            # comment
            --index-url https://user:pw@private.example/simple
            --extra-index-url https://mirror.example/simple
            --require-hashes
            Flask_SQLAlchemy[async,Extra_B] == 3.0.0 ; python_version >= "3.8" \\
                --hash=sha256:aa \\
                --hash=sha256:bb
            zope.interface==6.0  # trailing comment
            """])
        #expect(reading.entries.count == 2)
        let flask = reading.entries[0]
        #expect(flask.canonicalName == "flask-sqlalchemy")
        #expect(flask.extras.sorted() == ["Extra_B", "async"])
        #expect(flask.hashes == ["sha256:aa", "sha256:bb"])
        #expect(flask.location == SourceLocation(file: "requirements.txt", line: 5))
        #expect(flask.marker?.description == "python_version >= \"3.8\"")
        #expect(PinningAnalysis.exactVersion(flask) == "3.0.0")
        #expect(reading.entries[1].canonicalName == "zope-interface")
        #expect(reading.entries[1].location.line == 8)
        #expect(reading.options.indexURL == "https://user:pw@private.example/simple")
        #expect(reading.options.extraIndexURLs == ["https://mirror.example/simple"])
        #expect(reading.options.requireHashes)
        #expect(reading.findings.isEmpty)
    }

    @Test func followsIncludesRelativeToTheIncludingFile() throws {
        let reading = try parse([
            "requirements.txt": "-r sub/base.txt\n--constraint sub/constraints.txt\nflask\n",
            "sub/base.txt": "-r ../common.txt\nrequests==2.31.0\n",
            "common.txt": "idna==3.7\n",
            "sub/constraints.txt": "flask==3.0.3\n",
        ])
        #expect(reading.entries.map(\.location.description) == ["common.txt:1", "sub/base.txt:2", "sub/constraints.txt:1", "requirements.txt:3"])
        #expect(reading.entries.map(\.isConstraint) == [false, false, true, false])
        #expect(reading.files == ["requirements.txt", "sub/base.txt", "common.txt", "sub/constraints.txt"])
        let pinning = PinningAnalysis.findings(for: reading.entries, targets: [.target(pythonVersion: "3.12", platform: .linux)])
        #expect(pinning.isEmpty, "flask is pinned by the constraints file")
    }

    @Test func reportsIncludeCyclesWithTheChain() throws {
        let reading = try parse(["requirements.txt": "-r a.txt\n", "a.txt": "x==1\n-r b.txt\n", "b.txt": "-r a.txt\n"])
        let finding = try #require(reading.findings.first { $0.rule == .includeError })
        #expect(finding.location == SourceLocation(file: "b.txt", line: 1))
        #expect(finding.message.contains("cycle"))
        #expect(finding.message.contains("requirements.txt:1 → a.txt:2 → b.txt:1"))
        #expect(reading.entries.count == 1)
    }

    @Test func reportsMissingIncludesAndRemoteIncludes() throws {
        let reading = try parse(["requirements.txt": "-r nope.txt\n-c https://example.invalid/c.txt\nflask==1.0\n"])
        #expect(reading.findings.map(\.rule) == [.includeError, .includeError])
        #expect(reading.findings[0].message.contains("nope.txt"))
        #expect(reading.entries.count == 1)
    }

    @Test func deepIncludeChainsStop() throws {
        var files: [String: String] = [:]
        for i in 0..<200 { files["f\(i).txt"] = "-r f\(i + 1).txt\npkg\(i)==1.0\n" }
        files["f200.txt"] = "last==1\n"
        let reading = try parse(files, "f0.txt")
        #expect(reading.findings.contains { $0.rule == .includeError && $0.message.contains("deep") })
        #expect(reading.entries.count > 60)
    }

    @Test func malformedLinesBecomeFindingsAndTheRestIsRead() throws {
        let reading = try parse(["requirements.txt": "flask=1.0\nok==1\nfoo>=1.0[extra]\n--hash=sha256:aa\n-e not-a-vcs-url\nlast==2\n"])
        #expect(reading.entries.compactMap(\.canonicalName) == ["ok", "last"])
        let rules = reading.findings.map { "\($0.location!.line):\($0.rule.rawValue):\($0.severity.rawValue)" }
        #expect(rules == ["1:parse-error:error", "3:parse-error:error", "4:parse-error:warning", "5:parse-error:error"])
        #expect(reading.findings[0].message.contains("did you mean `==`"))
    }

    @Test func urlsVcsEditablesAndPaths() throws {
        let reading = try parse([
            "requirements.txt": """
                -e git+https://github.com/org/proj.git@0123456789abcdef0123456789abcdef01234567#egg=proj
                git+https://github.com/org/lib.git@main#egg=lib
                https://files.example/pkg/wheelpkg-1.2.3-py3-none-any.whl#sha256=abcd
                name @ https://files.example/name-1.0.tar.gz ; python_version < "3.13"
                ./local/project
                -e ./local/project[dev]
                """,
            "local/project/pyproject.toml": "",
        ], directories: ["local/project"])
        #expect(reading.findings.isEmpty, "\(reading.findings)")
        let e = reading.entries
        #expect(e.map { $0.canonicalName ?? "-" } == ["proj", "lib", "wheelpkg", "name", "-", "-"])
        #expect(e.map(\.editable) == [true, false, false, false, false, true])
        #expect(PinningAnalysis.exactVersion(e[2]) == "1.2.3")
        let states = e.map { PinningAnalysis.state(of: $0, constraints: [:]) }
        #expect(states[0] != .immutableURL, "editables are unpinned even at a commit")
        #expect(states[2] == .immutableURL)
        if case .unpinned = states[1] {} else { Issue.record("a branch reference is not pinned") }
        if case .unpinned = states[3] {} else { Issue.record("a URL without a digest is not pinned") }
        #expect(e[3].marker?.description == "python_version < \"3.13\"")
        #expect(e[4].url == "./local/project")
    }

    @Test func immutableVCSReferences() {
        #expect(PinningAnalysis.isImmutable(url: "git+https://github.com/a/b.git@0123456789abcdef0123456789abcdef01234567#egg=b"))
        #expect(!PinningAnalysis.isImmutable(url: "git+https://github.com/a/b.git@v1.0#egg=b"))
        #expect(!PinningAnalysis.isImmutable(url: "git+https://token@github.com/a/b.git"))
        #expect(PinningAnalysis.isImmutable(url: "https://x/y.tar.gz#sha256=00"))
    }

    @Test func expandsEnvironmentVariablesAsPipDoes() throws {
        let reading = try parse(["requirements.txt": "--index-url https://${TOKEN}@private.example/simple\npkg==${VERSION}\n"],
                                environment: ["TOKEN": "t0k", "VERSION": "1.2"])
        #expect(reading.options.indexURL == "https://t0k@private.example/simple")
        #expect(PinningAnalysis.exactVersion(reading.entries[0]) == "1.2")
    }

    @Test func pinningRuleMessagesAndApplicability() throws {
        let reading = try parse(["requirements.txt": "a==1.0\nb===1.0\nc>=1\nd==1.*\ne\npywin32==306; sys_platform == 'win32'\nf; sys_platform == 'win32'\n"])
        let findings = PinningAnalysis.findings(for: reading.entries, targets: [.target(pythonVersion: "3.12", platform: .linux)])
        #expect(findings.map { "\($0.package!):\($0.rule.rawValue)" } == ["b:pinned-arbitrary", "c:unpinned", "d:unpinned", "e:unpinned"])
        #expect(findings[2].message.contains("wildcard"))
        let windows = PinningAnalysis.findings(for: reading.entries, targets: [.target(pythonVersion: "3.12", platform: .windows)])
        #expect(windows.contains { $0.package == "f" })
    }

    @Test(arguments: ["\r\n", "\n"])
    func lineEndingsDoNotChangeTheResult(ending: String) throws {
        let text = ["a==1", "b==2 \\", "  --hash=sha256:aa", "# c", "c>=3"].joined(separator: ending) + ending
        let reading = try parse(["requirements.txt": text])
        #expect(reading.entries.map(\.location.line) == [1, 2, 5])
        #expect(reading.entries[1].hashes == ["sha256:aa"])
    }

    @Test func randomInputNeverCrashesOrHangs() throws {
        var rng = SeededGenerator(seed: 42)
        let alphabet = Array("abcXYZ019 .-_=<>!~;[]()@#\\\"'$/{},:*+\t\r\n\u{FEFF}é--hash-r-e-c")
        for _ in 0..<400 {
            let length = Int.random(in: 0..<200, using: &rng)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &rng)! })
            let reading = try parse(["requirements.txt": text, "a": "x==1\n"])
            for entry in reading.entries { #expect(entry.location.line >= 1) }
        }
        for _ in 0..<100 {
            let bytes = (0..<Int.random(in: 1..<300, using: &rng)).map { _ in UInt8.random(in: 1...255, using: &rng) }
            _ = try? RequirementsFileParser(reader: InMemoryFiles(bytes: ["r.txt": bytes])).parse(path: "r.txt")
        }
    }

    @Test func oneHugeLineAndManyLinesAreHandled() throws {
        let huge = String(repeating: "a", count: 2_000_000) + "==1.0\n"
        let reading = try parse(["requirements.txt": huge])
        #expect(reading.entries.count + reading.findings.count >= 1)
        let many = (0..<20_000).map { "p\($0)==1.\($0)" }.joined(separator: "\n")
        #expect(try parse(["requirements.txt": many]).entries.count == 20_000)
    }

    @Test func binaryFilesAreRefused() {
        #expect(throws: RequirementsFileParser.UnreadableFile.self) {
            try RequirementsFileParser(reader: InMemoryFiles(bytes: ["r.txt": [0x00, 0x7F, 0x45, 0x4C, 0x46]])).parse(path: "r.txt")
        }
    }
}

/// A deterministic generator for property tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E3779B97F4A7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
