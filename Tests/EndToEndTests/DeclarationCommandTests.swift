import Foundation
import Testing

/// pyproject.toml and Pipfile end to end, on small projects locked by the real tools (uv 0.9, Poetry 2,
/// PDM 2, Pipenv; the index's hosts replaced by `registry.invalid`): a lock that matches its
/// declarations passes, a declaration edited without re-locking is `lock-stale`, and without a lock
/// the declarations must be pinned themselves.
@Suite struct DeclarationCommandTests {
    struct Layout: Sendable, CustomStringConvertible {
        var tool: String
        var declarations: String
        var lock: String
        /// The declaration of flask as the tool wrote it, and the same asking for a release that does not exist.
        var flask: (String, String)
        var relock: String
        var description: String { tool }
    }

    static let layouts = [
        Layout(tool: "uv", declarations: "pyproject.toml", lock: "uv.lock", flask: (#""flask>=2""#, #""flask>=99""#), relock: "uv lock"),
        Layout(tool: "poetry", declarations: "pyproject.toml", lock: "poetry.lock", flask: (#"flask = "^2.0""#, #"flask = "^99.0""#),
               relock: "poetry lock"),
        Layout(tool: "pdm", declarations: "pyproject.toml", lock: "pdm.lock", flask: (#""flask>=2""#, #""flask>=99""#), relock: "pdm lock"),
        Layout(tool: "pipenv", declarations: "Pipfile", lock: "Pipfile.lock", flask: (#"flask = ">=2""#, #"flask = ">=99""#),
               relock: "pipenv lock"),
    ]

    /// A copy of the fixture project in a fresh folder.
    static func project(_ layout: Layout) throws -> URL {
        let source = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/projects/\(layout.tool)")
        let dir = try CLIRunner.workspace([:])
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: dir.appendingPathComponent(name))
        }
        return dir
    }

    static func edit(_ file: URL, replacing old: String, with new: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(old))
        try text.replacingOccurrences(of: old, with: new).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test(arguments: layouts)
    func aFreshLockPasses(_ layout: Layout) throws {
        let dir = try Self.project(layout)
        // Discovery finds both files; naming only the declarations reads the lock beside them too.
        for arguments in [["check", "--no-index"], ["check", "--no-index", layout.declarations]] {
            let run = try CLIRunner.run(arguments, in: dir)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains(layout.lock) && run.stderr.contains(layout.declarations))
            #expect(!run.stdout.contains("[lock-stale]") && !run.stdout.contains("[unpinned]"))
        }
    }

    @Test(arguments: layouts)
    func aDeclarationEditedWithoutRelockingIsLockStale(_ layout: Layout) throws {
        let dir = try Self.project(layout)
        try Self.edit(dir.appendingPathComponent(layout.declarations), replacing: layout.flask.0, with: layout.flask.1)
        let run = try CLIRunner.run(["check", "--no-index"], in: dir)
        #expect(run.status == 1)
        let text = run.stdout.replacingOccurrences(of: "\n    ", with: " ")
        #expect(text.contains("\(layout.declarations):") && text.contains("flask: \(layout.declarations) declares"))
        #expect(text.contains("but \(layout.lock):") && text.contains("Run `\(layout.relock)`") && text.contains("[lock-stale]"))
        let json = try CLIRunner.run(["check", "--no-index", "--format", "json"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.filter { $0["rule"] as? String == "lock-stale" }.map { $0["package"] as? String } == ["flask"])
        let requirements = try #require(doc["requirements"] as? [[String: Any]])
        let declared = requirements.filter { $0["file"] as? String == layout.declarations }
        #expect(declared.contains { $0["canonical_name"] as? String == "flask" && $0["locked_by"] as? String == layout.lock })
    }

    /// uv.lock records the requirements it was made from and Pipfile.lock a hash of the Pipfile: a
    /// declaration changed in a way the locked versions still satisfy is caught there.
    @Test(arguments: [(layouts[0], #""flask>=2.1""#, "declared now but not when locked: `flask>=2.1`"),
                      (layouts[3], #"flask = ">=2.1""#, "Pipfile.lock was not made from the current Pipfile (its `_meta` hash is")])
    func aLockThatRecordsItsInputIsComparedWithIt(_ layout: Layout, _ edited: String, _ expected: String) throws {
        let dir = try Self.project(layout)
        try Self.edit(dir.appendingPathComponent(layout.declarations), replacing: layout.flask.0, with: edited)
        let run = try CLIRunner.run(["check", "--no-index"], in: dir)
        #expect(run.status == 1)
        let text = run.stdout.replacingOccurrences(of: "\n    ", with: " ")
        #expect(text.contains(expected), "\(text)")
        #expect(text.contains("\(layout.declarations):1: ") && text.contains("Run `\(layout.relock)`"))
        #expect(text.components(separatedBy: "[lock-stale]").count == 2, "one finding for the lock")
    }

    @Test(arguments: layouts)
    func withoutALockDeclarationsMustBePinned(_ layout: Layout) throws {
        let dir = try Self.project(layout)
        try FileManager.default.removeItem(at: dir.appendingPathComponent(layout.lock))
        let run = try CLIRunner.run(["check", "--no-index"], in: dir)
        #expect(run.status == 1)
        let lines = (try String(contentsOf: dir.appendingPathComponent(layout.declarations), encoding: .utf8))
            .components(separatedBy: "\n")
        let flaskLine = try #require(lines.firstIndex { $0.contains(layout.flask.0) }) + 1
        #expect(run.stdout.contains("\(layout.declarations):\(flaskLine): flask: flask is not pinned"))
        // A library says so in the configuration: the file's declarations may float.
        try "allow-unpinned = [\"\(layout.declarations)\"]\n".write(to: dir.appendingPathComponent(".pinaudit.toml"),
                                                                   atomically: true, encoding: .utf8)
        let allowed = try CLIRunner.run(["check", "--no-index"], in: dir)
        #expect(allowed.status == 0, "\(allowed.stdout)")
    }
}

/// `plan --apply` on declarations pinned with `==` and no lock: only the versions change.
@Suite struct DeclarationApplyTests {
    @Test func applyRewritesOnlyTheVersionsInPyprojectAndPipfile() throws {
        let index = try IndexScenario.web()
        let pyproject = """
            [project]
            name = "svc"
            dependencies = [
                "flask==2.0.1",        # web
                'werkzeug == 2.0.1',
                "click==8.0.0 ; python_version >= '3.8'",
            ]

            [tool.other]
            note = "werkzeug==2.0.1 is not a declaration"

            """
        let dir = try CLIRunner.workspace(["pyproject.toml": pyproject, ".pinaudit.toml": "[plan]\nmin-age = 0\n"])
        let applied = try CLIRunner.run(["plan", "--apply", "security", "pyproject.toml"], in: dir, environment: index.environment)
        #expect(applied.stdout.contains("updated pyproject.toml"), "\(applied.stdout)\(applied.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("pyproject.toml"), encoding: .utf8)
        #expect(text == pyproject.replacingOccurrences(of: "'werkzeug == 2.0.1'", with: "'werkzeug == 2.0.2'")
            .replacingOccurrences(of: "\"click==8.0.0 ;", with: "\"click==8.0.1 ;"))

        let pipfile = "[packages]\nflask = \"==2.0.1\"\nwerkzeug = {version = \"==2.0.1\"}  # pinned\nclick = \"==8.0.0\"\n"
        let pipDir = try CLIRunner.workspace(["Pipfile": pipfile, ".pinaudit.toml": "[plan]\nmin-age = 0\n"])
        let pipApplied = try CLIRunner.run(["plan", "--apply", "security", "Pipfile"], in: pipDir, environment: index.environment)
        #expect(pipApplied.stdout.contains("updated Pipfile"), "\(pipApplied.stdout)\(pipApplied.stderr)")
        #expect(try String(contentsOf: pipDir.appendingPathComponent("Pipfile"), encoding: .utf8)
            == "[packages]\nflask = \"==2.0.1\"\nwerkzeug = {version = \"==2.0.2\"}  # pinned\nclick = \"==8.0.1\"\n")
    }
}
