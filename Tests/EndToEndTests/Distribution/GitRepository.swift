import Foundation

/// A temporary git repository for the pre-commit tests: a project that uses the hooks, or a snapshot
/// of this package to serve as the hooks' repository.
struct GitRepository {
    let folder: URL

    /// Who commits: set in the environment, so that no git configuration is needed.
    static let identity: [String: String?] = [
        "GIT_AUTHOR_NAME": "pinaudit tests", "GIT_AUTHOR_EMAIL": "tests@registry.invalid",
        "GIT_COMMITTER_NAME": "pinaudit tests", "GIT_COMMITTER_EMAIL": "tests@registry.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
    ]

    /// A new repository holding `files`, committed.
    static func create(_ label: String, files: [String: String]) throws -> GitRepository {
        let repository = GitRepository(folder: try ReleaseBuild.scratchFolder(label))
        try repository.git(["init", "--quiet", "--initial-branch=main"])
        try repository.write(files)
        try repository.commitAll("Initial files")
        return repository
    }

    /// A snapshot of this package as a repository: the files git tracks, and new files it does not
    /// ignore, committed. pre-commit clones a hook repository at a commit, so the tests need one that
    /// holds the working tree as it is (in CI, a fresh clone, that is HEAD).
    static func snapshotOfPackage() throws -> (repository: GitRepository, commit: String) {
        let root = ReleaseBuild.packageRoot
        let listing = try ExternalCommand.expectSuccess("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], in: root)
        let repository = GitRepository(folder: try ReleaseBuild.scratchFolder("hook-repository"))
        try repository.git(["init", "--quiet", "--initial-branch=main"])
        for path in listing.stdout.split(separator: "\0").map(String.init) {
            let source = root.appendingPathComponent(path), target = repository.folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: source.path) else { continue } // deleted, not yet committed
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source, to: target)
        }
        try repository.commitAll("Snapshot of the package under test")
        let commit = try repository.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return (repository, commit)
    }

    @discardableResult
    func git(_ arguments: [String]) throws -> ExternalCommand.Result {
        try ExternalCommand.expectSuccess("git", arguments, in: folder, environment: Self.identity)
    }

    func write(_ files: [String: String]) throws {
        for (path, content) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
    }

    func commitAll(_ message: String) throws {
        try git(["add", "--all"])
        try git(["commit", "--quiet", "--no-verify", "--allow-empty", "-m", message])
    }
}
