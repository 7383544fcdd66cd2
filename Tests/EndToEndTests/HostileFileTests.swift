import Foundation
import Testing

/// Files and outputs a stranger (or a full disk) can hand pinaudit: each ends with a message and a
/// documented exit code, never a signal, within bounded memory and time.
@Suite(.serialized) struct HostileFileTests {
    static let memoryLimitMiB = 200.0

    private func expectClean(_ outcome: ProcessProbe.Outcome, status: Int32, _ message: String? = nil,
                             seconds: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.signal == nil, "ended by a signal: \(outcome)", sourceLocation: sourceLocation)
        #expect(outcome.status == status, "\(outcome)", sourceLocation: sourceLocation)
        #expect(outcome.maxResidentMiB < Self.memoryLimitMiB, "\(outcome)", sourceLocation: sourceLocation)
        #expect(outcome.seconds < seconds, "\(outcome)", sourceLocation: sourceLocation)
        if let message {
            #expect((outcome.stdout + outcome.stderr).contains(message), "\(outcome)", sourceLocation: sourceLocation)
        }
    }

    @Test func aFullDiskEndsWithAMessageAndExit2() async throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask\n"])
        let outcome = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index requirements.txt > /dev/full", in: dir)
        expectClean(outcome, status: 2, "cannot write the report to standard output: No space left on device")
        #expect(outcome.stderr.contains("-o FILE"))
    }

    /// With SIGPIPE ignored (as under Python's subprocess) or at its default, a reader that stops
    /// early ends the run quietly with the run's own exit code.
    @Test(arguments: [true, false])
    func aReaderThatClosesEarlyEndsTheRunQuietly(ignoringSIGPIPE: Bool) async throws {
        let loose = (1...4000).map { "package-number-\($0)>=1.0\n" }.joined()
        let dir = try CLIRunner.workspace(["requirements.txt": loose])
        let script = """
        \(ignoringSIGPIPE ? "trap '' PIPE" : "")
        { "$PINAUDIT" check --no-index --quiet requirements.txt 2> stderr.txt; echo $? > status.txt; } | head -1
        """
        let outcome = try await ProcessProbe.run(script, in: dir)
        #expect(outcome.stdout.split(separator: "\n").count == 1, "\(outcome)")
        let status = try String(contentsOf: dir.appendingPathComponent("status.txt"), encoding: .utf8)
        #expect(status.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "the loose file's exit code, not a signal: \(status)")
        let stderr = try String(contentsOf: dir.appendingPathComponent("stderr.txt"), encoding: .utf8)
        #expect(stderr.isEmpty, "a closed pipe ends quietly: \(stderr)")
    }

    @Test(arguments: [
        ("exec \"$PINAUDIT\" check --no-index fifo", "cannot read fifo: it is a named pipe (FIFO)"),
        ("exec \"$PINAUDIT\" check --no-index -r fifo", "cannot read fifo: it is a named pipe (FIFO)"),
        ("exec \"$PINAUDIT\" check --no-index -c fifo requirements.txt", "cannot read fifo: it is a named pipe (FIFO)"),
        ("exec \"$PINAUDIT\" check --no-index -r /dev/zero", "cannot read /dev/zero: it is a device, not a file"),
        ("exec \"$PINAUDIT\" check --no-index requirements.txt -r /dev/urandom", "cannot read /dev/urandom: it is a device, not a file"),
    ])
    func fifosAndDevicesAreRefusedWithoutWaiting(script: String, message: String) async throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==3.0.3\n"])
        #expect(mkfifo(dir.appendingPathComponent("fifo").path, 0o600) == 0)
        expectClean(try await ProcessProbe.run(script, in: dir, timeout: 20), status: 2, message, seconds: 15)
    }

    @Test func anIncludedFifoOrDeviceIsAnIncludeError() async throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==3.0.3\n-r fifo\n-c /dev/zero\n"])
        #expect(mkfifo(dir.appendingPathComponent("fifo").path, 0o600) == 0)
        let outcome = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index requirements.txt", in: dir, timeout: 20)
        expectClean(outcome, status: 1, "requirements.txt:2: `-r fifo` cannot be read: it is a named pipe (FIFO)", seconds: 15)
        #expect(outcome.stdout.contains("requirements.txt:3: `-c /dev/zero` cannot be read: it is a device"), "\(outcome)")
    }

    @Test func aFileAboveTheSizeLimitIsRefusedAndTheLimitCanBeRaised() async throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==3.0.3\n"])
        let padding = String(repeating: "# a comment line that pads the file to its size\n", count: 40_000)  // about 1.8 MiB
        try Data(("flask==3.0.3\n" + padding).utf8).write(to: dir.appendingPathComponent("big.txt"))
        let refused = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index --max-file-size 1M big.txt", in: dir)
        expectClean(refused, status: 2, "cannot read big.txt: it is 1.8 MiB, above the limit of 1 MiB for one input file")
        #expect(refused.stderr.contains("--max-file-size or PINAUDIT_MAX_FILE_SIZE"))
        let fromEnvironment = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index big.txt", in: dir, environment: ["PINAUDIT_MAX_FILE_SIZE": "512K"])
        expectClean(fromEnvironment, status: 2, "above the limit of 512 KiB")
        let raised = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index --max-file-size 4M big.txt", in: dir, environment: ["PINAUDIT_MAX_FILE_SIZE": "512K"])
        expectClean(raised, status: 0, "0 errors")
        let bad = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index --max-file-size lots big.txt", in: dir)
        expectClean(bad, status: 2, "--max-file-size takes a size like 64M")
        // The default (16 MiB) stops a 40 MiB file (sparse: no disk used) before it is read whole.
        let huge = dir.appendingPathComponent("huge.txt")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 40 << 20)
        try handle.close()
        expectClean(try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index huge.txt", in: dir), status: 2, "above the limit of 16 MiB")
    }

    /// Each file includes the next twice: 2^40 includes as pip would follow them.
    @Test func exponentialIncludesStopAtTheIncludeLimit() async throws {
        var files: [String: String] = ["d41.txt": "flask==3.0.3\n"]
        for level in 1...40 { files["d\(level).txt"] = "-r d\(level + 1).txt\n# again\n-r d\(level + 1).txt\n" }
        let dir = try CLIRunner.workspace(files)
        let outcome = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index --format json d1.txt", in: dir)
        expectClean(outcome, status: 1, "more than 1000 times in all", seconds: 20)
        #expect(outcome.maxResidentMiB > 1, "the probe saw the process's memory: \(outcome)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let findings = (doc["findings"] as? [[String: Any]] ?? []).filter { $0["rule"] as? String == "include-error" }
        #expect(findings.count == 1, "one finding for the whole overflow: \(findings.count)")
        #expect(findings.first?["file"] as? String != nil && findings.first?["line"] as? Int != nil, "\(findings)")
    }

    // What held before, kept so.

    @Test func binaryAndNULFilesAreExit2() async throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==3.0.3\n"])
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2]).write(to: dir.appendingPathComponent("binary.txt"))
        try Data("flask==3.0.3\n\0\n".utf8).write(to: dir.appendingPathComponent("nul.txt"))
        expectClean(try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index binary.txt", in: dir), status: 2, "binary file")
        expectClean(try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index -r nul.txt", in: dir), status: 2, "binary file")
    }

    @Test func includeCyclesAndSelfIncludesAreFindings() async throws {
        let dir = try CLIRunner.workspace([
            "a.txt": "flask==3.0.3\n-r b.txt\n", "b.txt": "-r a.txt\n", "self.txt": "-r self.txt\nclick==8.1.7\n",
        ])
        let cycle = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index a.txt", in: dir)
        expectClean(cycle, status: 1, "b.txt:1: `-r a.txt` includes a.txt again, which makes an include cycle")
        let selfInclude = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index self.txt", in: dir)
        expectClean(selfInclude, status: 1, "self.txt:1: `-r self.txt` includes self.txt again")
    }

    @Test func aDirectoryOrASymlinkLoopIsAClearError() async throws {
        let dir = try CLIRunner.workspace(["folder/requirements.txt": "flask==3.0.3\n"])
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("loop-a").path, withDestinationPath: "loop-b")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("loop-b").path, withDestinationPath: "loop-a")
        expectClean(try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index folder", in: dir), status: 2, "folder is a directory")
        expectClean(try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index -r loop-a", in: dir), status: 2,
                    "cannot read loop-a: it is a symbolic link loop")
    }
}
