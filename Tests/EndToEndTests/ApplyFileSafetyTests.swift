import Foundation
import Testing

/// `plan --apply` through symbolic links, hard links, modes and read-only files: the final target is
/// updated atomically with its mode, owner and group, the links stay links, and every refusal
/// leaves every file as it was.
@Suite(.serialized) struct ApplyFileSafetyTests {
    static let original = "# app\nflask==2.0.1\nwerkzeug==2.0.1\nclick==8.0.0\n"
    static let updated = "# app\nflask==2.0.1\nwerkzeug==2.0.2\nclick==8.0.1\n"

    private func workspace(_ files: [String: String] = [:]) throws -> URL {
        try CLIRunner.workspace(files.merging([".pinaudit.toml": "[plan]\nmin-age = 0\n"]) { $1 })
    }

    private func apply(_ arguments: [String] = [], in dir: URL, index: IndexScenario) async throws -> CLIRunner.Result {
        try await CLIRunner.runOffPool(["plan", "--apply", "security"] + arguments, in: dir, environment: index.environment)
    }

    private func text(_ dir: URL, _ path: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
    }

    private func info(_ dir: URL, _ path: String) -> stat {
        var result = stat()
        lstat(dir.appendingPathComponent(path).path, &result)
        return result
    }

    private func link(_ dir: URL, _ path: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(path).path, withDestinationPath: destination)
    }

    private func leftovers(_ dir: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
    }

    /// The issue's case: requirements.txt links to real/req.txt (0640).
    @Test func aSymlinkIsWrittenThroughAndStaysALink() async throws {
        let index = try IndexScenario.web()
        let dir = try workspace(["real/req.txt": Self.original])
        chmod(dir.appendingPathComponent("real/req.txt").path, 0o640)
        try link(dir, "requirements.txt", to: "real/req.txt")
        let result = try await apply(in: dir, index: index)
        // plan's exit code for pending updates is the exit-code table's business; here: not a refusal.
        #expect([0, 1].contains(result.status), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("updated real/req.txt (through the link requirements.txt)"), "\(result.stdout)")
        #expect(try text(dir, "real/req.txt") == Self.updated)
        #expect(info(dir, "requirements.txt").st_mode & S_IFMT == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir.appendingPathComponent("requirements.txt").path) == "real/req.txt")
        #expect(info(dir, "real/req.txt").st_mode & 0o7777 == 0o640)
        #expect(try leftovers(dir).isEmpty)
    }

    /// The issue's own reproduction, offline on the bundled example and cache snapshot.
    @Test func theIssueExampleUpdatesTheRealFileOffline() async throws {
        let root = ShellCompletionTests.packageRoot
        let example = try String(contentsOf: root.appendingPathComponent("examples/requirements.txt"), encoding: .utf8)
        let dir = try workspace(["real/req.txt": example])
        try FileManager.default.copyItem(at: root.appendingPathComponent("cache"), to: dir.appendingPathComponent("cache"))
        chmod(dir.appendingPathComponent("real/req.txt").path, 0o640)
        try link(dir, "requirements.txt", to: "real/req.txt")
        let result = try await CLIRunner.runOffPool(["plan", "--offline", "--cache-dir", "cache", "--apply", "patch", "requirements.txt"], in: dir)
        #expect(result.stdout.contains("updated real/req.txt (through the link requirements.txt)"), "\(result.stdout)\(result.stderr)")
        let updated = try text(dir, "real/req.txt")
        #expect(updated != example && updated.contains("click==8.0.4"), "\(updated)")
        #expect(info(dir, "requirements.txt").st_mode & S_IFMT == S_IFLNK)
        #expect(info(dir, "real/req.txt").st_mode & 0o7777 == 0o640)
    }

    @Test func aChainOfLinksIsFollowedToTheFinalFile() async throws {
        let index = try IndexScenario.web()
        let dir = try workspace(["deploy/pins/req.txt": Self.original])
        try link(dir, "deploy/current.txt", to: "pins/req.txt")
        try link(dir, "requirements.txt", to: "deploy/current.txt")
        let result = try await apply(in: dir, index: index)
        #expect(result.stdout.contains("updated deploy/pins/req.txt (through the link requirements.txt)"), "\(result.stdout)\(result.stderr)")
        #expect(try text(dir, "deploy/pins/req.txt") == Self.updated)
        #expect(info(dir, "requirements.txt").st_mode & S_IFMT == S_IFLNK)
        #expect(info(dir, "deploy/current.txt").st_mode & S_IFMT == S_IFLNK)
    }

    @Test func anIncludedFileBehindALinkIsUpdatedInItsTarget() async throws {
        let index = try IndexScenario.web()
        let dir = try workspace([
            "requirements.txt": "flask==2.0.1\n-r common.txt\n",
            "shared/common.txt": "werkzeug==2.0.1\nclick==8.0.0\n",
        ])
        try link(dir, "common.txt", to: "shared/common.txt")
        let result = try await apply(in: dir, index: index)
        #expect(result.stdout.contains("updated shared/common.txt (through the link common.txt)"), "\(result.stdout)\(result.stderr)")
        #expect(try text(dir, "shared/common.txt") == "werkzeug==2.0.2\nclick==8.0.1\n")
        #expect(try text(dir, "requirements.txt") == "flask==2.0.1\n-r common.txt\n")
        #expect(info(dir, "common.txt").st_mode & S_IFMT == S_IFLNK)
    }

    /// An included file keeps its mode (0600) like a named one, and is refused when hard-linked.
    @Test func anIncludedFileKeepsItsModeAndIsRefusedWhenHardLinked() async throws {
        let index = try IndexScenario.web()
        let dir = try workspace(["requirements.txt": "flask==2.0.1\n-r sub/pins.txt\n", "sub/pins.txt": "werkzeug==2.0.1\nclick==8.0.0\n"])
        let pins = dir.appendingPathComponent("sub/pins.txt").path
        chmod(pins, 0o600)
        #expect(Foundation.link(pins, dir.appendingPathComponent("other-name.txt").path) == 0)
        let refused = try await apply(in: dir, index: index)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("sub/pins.txt has 2 hard links"), "\(refused.stderr)")
        #expect(try text(dir, "sub/pins.txt") == "werkzeug==2.0.1\nclick==8.0.0\n")
        unlink(dir.appendingPathComponent("other-name.txt").path)
        let applied = try await apply(in: dir, index: index)
        #expect(applied.stdout.contains("updated sub/pins.txt"), "\(applied.stdout)\(applied.stderr)")
        #expect(try text(dir, "sub/pins.txt") == "werkzeug==2.0.2\nclick==8.0.1\n")
        #expect(info(dir, "sub/pins.txt").st_mode & 0o7777 == 0o600)
    }

    @Test func aDanglingLinkIsAClearErrorThatCreatesNothing() async throws {
        let index = try IndexScenario.web()
        let dir = try workspace()
        try link(dir, "requirements.txt", to: "real/missing.txt")
        let result = try await apply(in: dir, index: index)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("cannot read requirements.txt: no such file"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("real").path))
    }

    @Test func aLinkLeadingOutsideTheProjectIsRefused() async throws {
        let index = try IndexScenario.web()
        let elsewhere = try CLIRunner.workspace(["req.txt": Self.original])
        let dir = try workspace()
        try link(dir, "requirements.txt", to: elsewhere.appendingPathComponent("req.txt").path)
        let result = try await apply(in: dir, index: index)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("pinaudit writes only inside the working directory"), "\(result.stderr)")
        #expect(try text(elsewhere, "req.txt") == Self.original)
        #expect(try leftovers(elsewhere).isEmpty)
    }

    @Test func aFileWithSeveralHardLinksIsRefused() async throws {
        let index = try IndexScenario.web()
        let dir = try workspace(["requirements.txt": Self.original])
        #expect(Foundation.link(dir.appendingPathComponent("requirements.txt").path, dir.appendingPathComponent("copy.txt").path) == 0)
        let result = try await apply(["requirements.txt"], in: dir, index: index)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("requirements.txt has 2 hard links: replacing it would split it from its other names"), "\(result.stderr)")
        #expect(try text(dir, "requirements.txt") == Self.original)
        #expect(info(dir, "requirements.txt").st_ino == info(dir, "copy.txt").st_ino)
        // The message's way out: make the file a single link, then apply again.
        let advice = try #require(result.stderr.components(separatedBy: "(").first { $0.hasPrefix("cp ") }?.components(separatedBy: ")").first)
        let split = try await ProcessProbe.run(advice, in: dir)
        #expect(split.status == 0, "\(advice): \(split)")
        let again = try await apply(["requirements.txt"], in: dir, index: index)
        #expect(again.stdout.contains("updated requirements.txt"), "\(again.stdout)\(again.stderr)")
        #expect(try text(dir, "requirements.txt") == Self.updated)
        #expect(try text(dir, "copy.txt") == Self.original, "the other name keeps the old content")
    }

    @Test func aReadOnlyFileIsRefused() async throws {
        let index = try IndexScenario.web()
        let dir = try workspace(["requirements.txt": Self.original])
        chmod(dir.appendingPathComponent("requirements.txt").path, 0o444)
        let result = try await apply(in: dir, index: index)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("requirements.txt is read-only"), "\(result.stderr)")
        #expect(try text(dir, "requirements.txt") == Self.original)
        #expect(info(dir, "requirements.txt").st_mode & 0o7777 == 0o444)
    }

    @Test(arguments: [0o600, 0o640, 0o644] as [mode_t])
    func theModeIsKept(mode: mode_t) async throws {
        let index = try IndexScenario.web()
        let dir = try workspace(["real/req.txt": Self.original])
        let path = dir.appendingPathComponent("real/req.txt").path
        chmod(path, mode)
        try link(dir, "requirements.txt", to: "real/req.txt")
        // As root, the owner and group can be anything: they must survive the rename too.
        let keepsOwner = getuid() == 0
        if keepsOwner { #expect(chown(path, 4321, 4322) == 0) }
        let result = try await apply(in: dir, index: index)
        #expect(try text(dir, "real/req.txt") == Self.updated, "\(result.stdout)\(result.stderr)")
        let after = info(dir, "real/req.txt")
        #expect(after.st_mode & 0o7777 == mode)
        if keepsOwner { #expect(after.st_uid == 4321 && after.st_gid == 4322) }
    }

    /// Two files to rewrite, the second read-only: neither changes (all or nothing).
    @Test func oneRefusedFileLeavesEveryFileAsItWas() async throws {
        let index = try IndexScenario.web()
        let dir = try workspace([
            "requirements.txt": "flask==2.0.1\n-r a.txt\n-r b.txt\n",
            "a.txt": "click==8.0.0\n", "b.txt": "werkzeug==2.0.1\n",
        ])
        chmod(dir.appendingPathComponent("b.txt").path, 0o444)
        let result = try await apply(in: dir, index: index)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("b.txt is read-only"), "\(result.stderr)")
        #expect(try text(dir, "a.txt") == "click==8.0.0\n")
        #expect(try text(dir, "b.txt") == "werkzeug==2.0.1\n")
        #expect(try leftovers(dir).isEmpty)
        chmod(dir.appendingPathComponent("b.txt").path, 0o644)
        let again = try await apply(in: dir, index: index)
        #expect(again.stdout.contains("updated a.txt") && again.stdout.contains("updated b.txt"), "\(again.stdout)\(again.stderr)")
        #expect(try text(dir, "a.txt") == "click==8.0.1\n")
        #expect(try text(dir, "b.txt") == "werkzeug==2.0.2\n")
    }

    @Test func planHelpDocumentsHowApplyWrites() async throws {
        let help = try await CLIRunner.runOffPool(["plan", "--help"], in: try CLIRunner.workspace([:]))
        for phrase in ["follows\nsymbolic links", "several hard links", "more permissive", "all or nothing"] {
            #expect(help.stdout.replacingOccurrences(of: "\n", with: " ").contains(phrase.replacingOccurrences(of: "\n", with: " ")), "\(phrase)")
        }
    }

    /// `-o`: a new report gets the umask; an existing one keeps its mode; a link is written through.
    @Test func theReportFileFollowsTheSameRules() async throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==3.0.3\n", "reports/old.txt": "old\n"])
        chmod(dir.appendingPathComponent("reports/old.txt").path, 0o600)
        try link(dir, "latest.txt", to: "reports/old.txt")
        let script = """
        umask 027
        "$PINAUDIT" check --no-index -o new.txt requirements.txt && "$PINAUDIT" check --no-index -o latest.txt requirements.txt
        """
        let outcome = try await ProcessProbe.run(script, in: dir)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(info(dir, "new.txt").st_mode & 0o7777 == 0o640)
        #expect(try text(dir, "new.txt").contains("0 errors"))
        #expect(info(dir, "latest.txt").st_mode & S_IFMT == S_IFLNK)
        #expect(try text(dir, "reports/old.txt").contains("0 errors"))
        #expect(info(dir, "reports/old.txt").st_mode & 0o7777 == 0o600)
    }

    static let canDropPrivileges = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    /// As an ordinary user (uid 65534): a group the user is not in cannot be kept, so the rewritten
    /// file loses the group's bits rather than handing them to the user's group; a file of another
    /// owner that the user cannot write is refused, though the folder would allow the rename.
    @Test(.enabled(if: canDropPrivileges, "needs root and setpriv to run pinaudit as another user"))
    func asAnOrdinaryUserNoFileWidens() async throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==3.0.3\n", "shared.txt": "old\n", "theirs.txt": "old\n"])
        for path in ["", "requirements.txt", "shared.txt"] { chown(dir.appendingPathComponent(path).path, 65534, 65534) }
        chown(dir.appendingPathComponent("shared.txt").path, 65534, 4322)
        chmod(dir.appendingPathComponent("shared.txt").path, 0o664)
        chmod(dir.appendingPathComponent("theirs.txt").path, 0o644)
        let asNobody = "exec /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups \"$PINAUDIT\" check --no-index"
        let shared = try await ProcessProbe.run("\(asNobody) -o shared.txt requirements.txt", in: dir)
        #expect(shared.status == 0, "\(shared)")
        let after = info(dir, "shared.txt")
        #expect(after.st_gid == 65534 && after.st_mode & 0o7777 == 0o604, "mode \(String(after.st_mode & 0o7777, radix: 8)), group \(after.st_gid)")
        #expect(try text(dir, "shared.txt").contains("0 errors"))
        let theirs = try await ProcessProbe.run("\(asNobody) -o theirs.txt requirements.txt", in: dir)
        #expect(theirs.status == 2 && theirs.stderr.contains("theirs.txt is read-only"), "\(theirs)")
        #expect(try text(dir, "theirs.txt") == "old\n")
        #expect(info(dir, "theirs.txt").st_uid == 0)
    }

    /// `-o /dev/null`, `-o /dev/stdout`: written to as `>` would, not replaced; a full device is exit 2.
    @Test func aReportToADeviceIsWrittenNotReplaced() async throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==3.0.3\n"])
        let null = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index -o /dev/null requirements.txt", in: dir)
        #expect(null.status == 0, "\(null)")
        let stdout = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index -o /dev/stdout requirements.txt", in: dir)
        #expect(stdout.status == 0 && stdout.stdout.contains("0 errors"), "\(stdout)")
        let full = try await ProcessProbe.run("exec \"$PINAUDIT\" check --no-index -o /dev/full requirements.txt", in: dir)
        #expect(full.status == 2 && full.signal == nil, "\(full)")
        #expect(full.stderr.contains("cannot write /dev/full: No space left on device"), "\(full)")
    }
}
