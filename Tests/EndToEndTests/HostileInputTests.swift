import Foundation
import Testing

/// Files made to hurt a reader (issue 16): deep nesting, self-doubling variables, endless
/// continuations. Each must end in exit 1 or 2 with a message naming file and line: no signal, well
/// under 30 s, under 200 MB. The files are generated here, not committed.
@Suite struct HostileInputTests {
    /// One hostile file, what `check --no-index` must say about it, and where.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String
        var content: String
        var expectedLocation: String
        var expectedText: String
        var testDescription: String { name }
    }

    static let depth = 100_000

    static let nestingCases: [Case] = [
        Case(name: "uv.lock arrays", file: "uv.lock",
             content: "version = 1\nrequires-python = \">=3.8\"\n\n[[package]]\nname = \"a\"\nversion = \"1.0\"\nx = "
                + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n",
             expectedLocation: "uv.lock:7:", expectedText: "more than 100 levels"),
        Case(name: "uv.lock inline tables", file: "uv.lock",
             content: "version = 1\n\n[[package]]\nname = \"a\"\nversion = \"1.0\"\nx = "
                + String(repeating: "{a=", count: depth / 2) + "1" + String(repeating: "}", count: depth / 2) + "\n",
             expectedLocation: "uv.lock:6:", expectedText: "more than 100 levels"),
        Case(name: "poetry.lock unclosed arrays", file: "poetry.lock",
             content: "[[package]]\nname = \"a\"\nversion = \"1.0\"\nx = " + String(repeating: "[", count: depth * 2) + "\n",
             expectedLocation: "poetry.lock:4:", expectedText: "more than 100 levels"),
        // A multi-line string first sends the text past the fast scanner to TOMLKit.
        Case(name: "pdm.lock arrays after a multi-line string", file: "pdm.lock",
             content: "[metadata]\nlock_version = \"4.4\"\n[[package]]\nname = \"a\"\nversion = \"1.0\"\nx = \"\"\"\n[[[\n\"\"\"\ny = "
                + String(repeating: "[", count: depth * 2) + "\n",
             expectedLocation: "pdm.lock:9:", expectedText: "more than 100 levels"),
        Case(name: "pylock.toml dotted header", file: "pylock.toml",
             content: "lock-version = \"1.0\"\n[" + Array(repeating: "a", count: depth).joined(separator: ".") + "]\n",
             expectedLocation: "pylock.toml:2:", expectedText: "more than 100 levels"),
        Case(name: "pylock.toml dotted key", file: "pylock.toml",
             content: "lock-version = \"1.0\"\n\n" + Array(repeating: "a", count: depth).joined(separator: ".") + " = 1\n",
             expectedLocation: "pylock.toml:3:", expectedText: "more than 100 levels"),
        // Found by fuzzing: toml++ asserted on a header that starts with no key character and aborted.
        Case(name: "uv.lock header without a key", file: "uv.lock",
             content: "version = 1\n\n[[:ackage]]\nname = \"six\"\nversion = \"1.16.0\"\nsdist = { url = \"x\" }\n",
             expectedLocation: "uv.lock:3:", expectedText: "table header must start with a key"),
        Case(name: "poetry.lock header of a non-ASCII letter", file: "poetry.lock",
             content: "[[package]]\nname = \"a\"\nversion = \"1.0\"\n\n[\u{e9}]\n", expectedLocation: "poetry.lock:5:", expectedText: "table header must start with a key"),
        Case(name: "uv.lock array closed by a brace", file: "uv.lock",
             content: "version = 1\n\n[[package]]\nname = \"a\"\nversion = \"1.0\"\n\n[package.dev-dependencies]\ndev = [\n    { name = \"pytest\" },\n},\n]\n",
             expectedLocation: "uv.lock:10:", expectedText: "a `[` is closed by `}`"),
        Case(name: "pylock.toml date-time without a time digit", file: "pylock.toml",
             content: "lock-version = \"1.0\"\n\n[[packages]]\nname = \"a\"\nversion = \"1.0\"\nwheels = [{ url = \"https://files.example/a-1.0-py3-none-any.whl\", upload-time = 2025-08-04Tad-tim08:54:24Z }]\n",
             expectedLocation: "pylock.toml:6:", expectedText: "must start with a digit"),
        Case(name: "Pipfile.lock (JSON)", file: "Pipfile.lock",
             content: "{\"_meta\": {}, \"default\": " + String(repeating: "[", count: depth * 2) + "\n",
             expectedLocation: "Pipfile.lock:1:", expectedText: "Pipfile.lock"),
    ]

    @Test(arguments: nestingCases)
    func hostileLockfileIsAFindingNotACrash(_ hostile: Case) throws {
        try expectCleanFailure(hostile)
    }

    static let otherCases: [Case] = [
        Case(name: "Dockerfile ARGs that double each other", file: "Dockerfile",
             content: "FROM python:3.12\nARG A0=abcdefghijklmnopqrstuvwxyz\n"
                + (1...30).map { "ARG A\($0)=${A\($0 - 1)}${A\($0 - 1)}\n" }.joined() + "RUN pip install flask==$A30\n",
             expectedLocation: "Dockerfile:14:", expectedText: "would produce more than 64 KiB"),
        Case(name: "Dockerfile value of 100,000 defaults", file: "Dockerfile",
             content: "FROM python:3.12\nARG V=" + String(repeating: "${A:-", count: depth) + "x" + String(repeating: "}", count: depth)
                + "\nRUN pip install flask==1.0\n",
             expectedLocation: "Dockerfile:2:", expectedText: "would produce more than 64 KiB"),
        Case(name: "requirement marker nested 100,000 parentheses deep", file: "requirements.txt",
             content: "flask==1.0; " + String(repeating: "(", count: depth) + "python_version > \"3\"" + String(repeating: ")", count: depth) + "\n",
             expectedLocation: "requirements.txt:1:", expectedText: "arentheses nest more than 100 deep"),
        Case(name: "requirements line of unclosed ${", file: "requirements.txt",
             content: "flask==1.0 --hash=" + String(repeating: "${", count: depth) + "\n",
             expectedLocation: "requirements.txt:1:", expectedText: "--hash"),
    ]

    @Test(arguments: otherCases)
    func hostileFileIsAFindingNotACrash(_ hostile: Case) throws {
        try expectCleanFailure(hostile)
    }

    /// Joining a 100,000-line `RUN pip install \` and reading its words was quadratic.
    @Test func dockerfileWithAHundredThousandLineContinuationIsReadInLinearTime() throws {
        // Short lines (the debug binary the tests run walks characters slowly): the line count is the point.
        let lines = (0..<Self.depth).map { $0 % 1000 == 999 ? " pkg\($0)>=1.0 \\\n" : " -q \\\n" }
        let dir = try CLIRunner.workspace(["Dockerfile": "FROM python:3.12\nRUN pip install \\\n" + lines.joined() + "    last==1.0\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try MeasuredRun.run(["check", "--no-index", "Dockerfile"], in: dir)
        #expect(run.signal == nil && run.exitStatus == 1, "\(run.summary)")
        #expect(run.stdout.contains("Dockerfile:1002:"), "\(run.summary)")  // pkg999, at line 2 + 1000
        #expect(run.stdout.contains("Dockerfile:100002:"), "\(run.summary)")  // pkg99999
        #expect(run.seconds < 30, "\(run.summary)")
        #expect(run.peakRSSMegabytes > 1 && run.peakRSSMegabytes < 200, "\(run.summary)")  // measured, and bounded
    }

    @Test func requirementsWithAHundredThousandLineContinuationIsOneLogicalLine() throws {
        let hashes = String(repeating: "    --hash=sha256:aa \\\n", count: Self.depth)
        let dir = try CLIRunner.workspace(["requirements.txt": "flask>=1.0 \\\n" + hashes + "    --hash=sha256:\(String(repeating: "b", count: 64))\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try MeasuredRun.run(["check", "--no-index", "requirements.txt"], in: dir)
        #expect(run.signal == nil && run.exitStatus == 1, "\(run.summary)")
        #expect(run.stdout.contains("requirements.txt:1: flask: flask is not pinned"), "\(run.summary)")
        #expect(run.seconds < 30, "\(run.summary)")
        #expect(run.peakRSSMegabytes > 1 && run.peakRSSMegabytes < 200, "\(run.summary)")  // measured, and bounded
    }

    @Test func configurationHeaderWithoutAKeyIsAnErrorNotACrash() throws {
        let dir = try CLIRunner.workspace([".pinaudit.toml": "platforms = [\"linux\"]\n[=]\n", "requirements.txt": "flask==3.0.3\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try MeasuredRun.run(["check", "--no-index", "requirements.txt"], in: dir)
        #expect(run.signal == nil && run.exitStatus == 2, "\(run.summary)")
        #expect(run.stderr.contains(".pinaudit.toml:2"), "\(run.summary)")
        #expect(run.stderr.contains("table header must start with a key"), "\(run.summary)")
    }

    @Test func deeplyNestedConfigurationIsAnErrorNamingFileAndLine() throws {
        let dir = try CLIRunner.workspace([
            ".pinaudit.toml": "platforms = [\"linux\"]\nfreeze = " + String(repeating: "[", count: Self.depth * 2) + "\n",
            "requirements.txt": "flask==3.0.3\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try MeasuredRun.run(["check", "--no-index", "requirements.txt"], in: dir)
        #expect(run.signal == nil && run.exitStatus == 2, "\(run.summary)")
        #expect(run.stderr.contains(".pinaudit.toml:2"), "\(run.summary)")
        #expect(run.stderr.contains("more than 100 levels"), "\(run.summary)")
        #expect(run.seconds < 30, "\(run.summary)")
        #expect(run.peakRSSMegabytes > 1 && run.peakRSSMegabytes < 200, "\(run.summary)")  // measured, and bounded
    }

    private func expectCleanFailure(_ hostile: Case) throws {
        let dir = try CLIRunner.workspace([hostile.file: hostile.content])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try MeasuredRun.run(["check", "--no-index", hostile.file], in: dir)
        #expect(run.signal == nil, "\(run.summary)")
        #expect(run.exitStatus == 1 || run.exitStatus == 2, "\(run.summary)")
        // Messages are wrapped to the terminal's width: compare with whitespace runs made one space.
        let output = (run.stdout + run.stderr).split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(output.contains(hostile.expectedLocation), "\(run.summary)")
        #expect(output.contains(hostile.expectedText), "\(run.summary)")
        #expect(run.seconds < 30, "\(run.summary)")
        #expect(run.peakRSSMegabytes > 1 && run.peakRSSMegabytes < 200, "\(run.summary)")  // measured, and bounded
    }
}

/// A fuzzing finding: toml++ (TOMLKit's parser, the fallback for TOML the fast scanner does not
/// read) asserted and aborted on a malformed date inside an inline table; these are the 35 bytes
/// libFuzzer found. The TOML pre-scan now refuses a value that starts like a date but is not one.
@Suite struct MalformedTOMLDateTests {
    @Test func aMalformedDateInAnInlineTableIsAFindingNotACrash() throws {
        let input = "cre= { e = 2025-08-0C 1\t\t\tba\" }\nsiz"
        let dir = try CLIRunner.workspace(["pylock.toml": input])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try MeasuredRun.run(["check", "--no-index", "pylock.toml"], in: dir)
        #expect(run.signal == nil && run.exitStatus == 1, "\(run.summary)")
        #expect(run.stdout.contains("pylock.toml:1: pylock.toml is not valid TOML at line 1: a date or time must be"), "\(run.stdout)")
    }

    /// Found fuzzing the configuration: toml++ asserted on a date followed by a blank and a digit
    /// that is not a time (`[3094-08-08 4`), in a `.pinaudit.toml` read before any input.
    @Test func aDateFollowedByANonTimeInTheConfigurationIsAUsageErrorNotACrash() throws {
        let config = "platforms = [\"linux\"]\n\n[[ignore]]\nrule = [3094-08-08 4\nfreeze = [\"numpy\"]\n"
        let dir = try CLIRunner.workspace([".pinaudit.toml": config, "requirements.txt": "six==1.16.0\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try MeasuredRun.run(["check", "--no-index", "requirements.txt"], in: dir)
        #expect(run.signal == nil && run.exitStatus == 2, "\(run.summary)")
        #expect(run.stderr.contains(".pinaudit.toml:4"), "\(run.stderr)")
        #expect(run.stderr.contains("a date or time must be written"), "\(run.stderr)")
    }
}
