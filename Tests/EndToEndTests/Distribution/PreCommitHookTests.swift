import Foundation
import Testing

/// .pre-commit-hooks.yaml: the manifest is valid, its `files` pattern names what pinaudit discovers,
/// `pre-commit try-repo` fails on a loose file and passes on a pinned one, and the README's
/// `.pre-commit-config.yaml` guards commits and runs the audit hook in the manual stage.
@Suite struct PreCommitHookTests {
    static let root = ReleaseBuild.packageRoot
    static let slowTools = ["pre-commit", "git", "python3"]
    static let slowRuns = ReleaseTestGate.runs(slow: true, needing: slowTools)
    static let slowReason = Comment(rawValue: ReleaseTestGate.skipReason(slow: true, needing: slowTools))

    /// What pre-commit needs to install the hooks offline from the release binary, in its own home.
    static func environment(binary: URL) throws -> [String: String?] {
        GitRepository.identity.merging([
            "PRE_COMMIT_HOME": try ReleaseBuild.scratchFolder("pre-commit-home").path,
            "PRE_COMMIT_COLOR": "never",
            "PINAUDIT_PREBUILT_BINARY": binary.path,
            "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1", "VIRTUALENV_NO_PERIODIC_UPDATE": "1",
        ]) { $1 }
    }

    static func preCommit(_ arguments: [String], in repository: GitRepository, environment: [String: String?]) throws -> ExternalCommand.Result {
        try ExternalCommand("pre-commit", arguments, in: repository.folder, environment: environment, timeout: 30 * 60).run()
    }

    @Test(.enabled(if: ReleaseTestGate.runs(slow: false, needing: ["pre-commit"]),
                   Comment(rawValue: ReleaseTestGate.skipReason(slow: false, needing: ["pre-commit"]))))
    func manifestIsValid() throws {
        try ReleaseTestGate.requireTools(["pre-commit"])
        let result = try ExternalCommand("pre-commit", ["validate-manifest", ".pre-commit-hooks.yaml"], in: Self.root).run()
        #expect(result.status == 0, "\(result)")
        let manifest = try String(contentsOf: Self.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(manifest.contains("- id: pinaudit-check\n"))
        #expect(manifest.contains("  entry: pinaudit check --no-index\n"))
        #expect(manifest.contains("- id: pinaudit-audit\n"))
        #expect(manifest.contains("  stages: [manual]\n"))
    }

    /// The hooks run when a commit touches a file `pinaudit check` would discover, and only then.
    @Test(.enabled(if: ReleaseTestGate.runs(slow: false, needing: ["python3"]),
                   Comment(rawValue: ReleaseTestGate.skipReason(slow: false, needing: ["python3"]))))
    func filesPatternNamesWhatCheckDiscovers() throws {
        try ReleaseTestGate.requireTools(["python3"])
        let manifest = try String(contentsOf: Self.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let line = try #require(manifest.split(separator: "\n").first { $0.contains("files: &pin_files '") })
        let pattern = String(line.drop { $0 != "'" }.dropFirst().dropLast())
        let names = ["requirements.txt", "requirements-dev.txt", "Requirements_test.txt", "requirements/base.txt", "requirements/prod.txt",
                     "constraints.txt", "constraints-py312.txt", "uv.lock", "dev-uv.lock", "poetry.lock", "Pipfile.lock", "pdm.lock",
                     "pylock.toml", "pylock.dev.toml", "Dockerfile", "api.Dockerfile", "Dockerfile.prod", "Containerfile",
                     "web.containerfile", "services/api/requirements.txt", "services/api/Dockerfile",
                     "pyproject.toml", "Pipfile", "services/api/pyproject.toml",
                     "requirements.in", "setup.py", "setup.cfg", "notes.txt", "README.md", "docs/index.md", "uv.lock.bak"]
        let project = try CLIRunner.workspace(Dictionary(uniqueKeysWithValues: names.map { ($0, "\n") }))
        let discovery = try CLIRunner.run(["check", "--no-index"], in: project)
        let readLine = try #require(discovery.stderr.split(separator: "\n").first { $0.hasPrefix("pinaudit: read ") })
        let discovered = Set(readLine.dropFirst("pinaudit: read ".count).components(separatedBy: ", "))
        let matcher = "import re, sys; p = re.compile(sys.argv[1]); print('\\n'.join(n for n in sys.argv[2:] if p.search(n)))"
        let matched = try ExternalCommand.expectSuccess("python3", ["-c", matcher, pattern] + names, in: project).stdout
        let matches = Set(matched.split(separator: "\n").map(String.init))
        // pyproject.toml and Pipfile declare dependencies; the pattern names them for the pinaudit that
        // reads them, and a pinaudit that discovers them must find exactly what the pattern names.
        let declarations: Set<String> = ["pyproject.toml", "Pipfile", "services/api/pyproject.toml"]
        #expect(matches.isSuperset(of: declarations))
        #expect(matches.subtracting(declarations) == discovered.subtracting(declarations))
        #expect(discovered.subtracting(declarations).count == 21)
        if !discovered.isDisjoint(with: declarations) { #expect(discovered.isSuperset(of: declarations)) }
    }

    @Test(.enabled(if: slowRuns, slowReason), .timeLimit(.minutes(60)))
    func tryRepoFailsOnALooseFileAndPassesOnAPinnedOne() async throws {
        try ReleaseTestGate.requireTools(Self.slowTools)
        let environment = try Self.environment(binary: try await ReleaseBuild.binary())
        let project = try GitRepository.create("try-repo", files: ["requirements.txt": "flask>=2.0\nclick==8.1.7\n"])
        let loose = try Self.preCommit(["try-repo", Self.root.path, "pinaudit-check", "--all-files"], in: project, environment: environment)
        #expect(loose.status == 1, "\(loose)")
        #expect(loose.stdout.contains("pinaudit check (every dependency pinned with ==)"))
        #expect(loose.stdout.contains("Failed"))
        #expect(loose.stdout.contains("requirements.txt:1: flask: flask is not pinned"))

        try project.write(["requirements.txt": "flask==3.0.3\nclick==8.1.7\n"])
        try project.commitAll("Pin flask")
        let pinned = try Self.preCommit(["try-repo", Self.root.path, "pinaudit-check", "--all-files"], in: project, environment: environment)
        #expect(pinned.status == 0, "\(pinned)")
        #expect(pinned.stdout.contains("Passed"))
    }

    @Test(.enabled(if: slowRuns, slowReason), .timeLimit(.minutes(60)))
    func readmeConfigurationGuardsCommitsAndAuditsInCI() async throws {
        try ReleaseTestGate.requireTools(Self.slowTools)
        var environment = try Self.environment(binary: try await ReleaseBuild.binary())
        let hooks = try GitRepository.snapshotOfPackage()
        let config = try ReadmePreCommitConfig.load(root: Self.root).pointing(at: hooks.repository.folder, revision: hooks.commit)

        // The bundled example, as a project of its own: pinned, so the check passes.
        var files = [".pre-commit-config.yaml": config]
        for name in ["requirements.txt", "Dockerfile"] {
            files[name] = try String(contentsOf: Self.root.appendingPathComponent("examples/\(name)"), encoding: .utf8)
        }
        let project = try GitRepository.create("examples-project", files: files)
        let install = try Self.preCommit(["install"], in: project, environment: environment)
        #expect(install.status == 0, "\(install)")
        // The first run installs the hook's environment (pip, the backend); the second is what a commit costs.
        let first = try Self.preCommit(["run", "pinaudit-check", "--all-files"], in: project, environment: environment)
        #expect(first.status == 0, "\(first)")
        let check = try Self.preCommit(["run", "pinaudit-check", "--all-files"], in: project, environment: environment)
        #expect(check.status == 0, "\(check)")
        #expect(check.stdout.contains("pinaudit check (every dependency pinned with ==)") && check.stdout.contains("Passed"))
        print("PreCommitHookTests: the pinaudit-check hook on examples/ took \(String(format: "%.2f", check.seconds)) s (installing it took \(String(format: "%.1f", first.seconds)) s)")

        // A commit that adds a loose requirement is refused, with the message; pinned, it goes through.
        try project.write(["requirements-dev.txt": "pytest\n"])
        try project.git(["add", "requirements-dev.txt"])
        let refused = try ExternalCommand("git", ["commit", "-m", "Add pytest"], in: project.folder, environment: environment, timeout: 600).run()
        #expect(refused.status != 0, "\(refused)")
        #expect(refused.output.contains("requirements-dev.txt:1: pytest: pytest is not pinned"))
        try project.write(["requirements-dev.txt": "pytest==8.3.3\n"])
        try project.git(["add", "requirements-dev.txt"])
        let accepted = try ExternalCommand("git", ["commit", "-m", "Add pytest, pinned"], in: project.folder, environment: environment, timeout: 600).run()
        #expect(accepted.status == 0, "\(accepted)")

        // The audit hook, in the manual stage as the README runs it in CI, against the loopback index.
        let index = try IndexScenario.web()
        environment.merge(index.environment.mapValues { $0 }) { $1 }
        environment["PINAUDIT_CACHE_DIR"] = try ReleaseBuild.scratchFolder("audit-cache").path
        let audited = try GitRepository.create("audited-project", files: [
            ".pre-commit-config.yaml": config, "requirements.txt": "flask==2.0.1\nwerkzeug==2.0.1\nclick==8.0.0\n",
        ])
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let command = ["run", "--hook-stage", "manual", "pinaudit-audit", "--all-files"]
        #expect(readme.contains("pre-commit " + command.joined(separator: " ")))
        let audit = try Self.preCommit(command, in: audited, environment: environment)
        #expect(audit.status == 1, "\(audit)")
        #expect(audit.stdout.contains("broken cookie parsing") && audit.stdout.contains("[yanked]"), "\(audit)")
        #expect(audit.stdout.contains("GHSA-xxxx-yyyy"))
        withExtendedLifetime(index) {}
        // The check hook is not in the manual stage, and the audit hook is in no other.
        let everyday = try Self.preCommit(["run", "--all-files"], in: audited, environment: environment)
        #expect(everyday.status == 0, "\(everyday)")
        #expect(!everyday.stdout.contains("pinaudit audit"))
    }
}
