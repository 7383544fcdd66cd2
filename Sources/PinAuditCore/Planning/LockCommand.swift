/// The command that moves packages in a lockfile, by the lockfile's name. pinaudit never edits a
/// lockfile itself: the tool that wrote it recomputes its hashes and graph.
public enum LockCommand {
    /// - Parameters:
    ///   - lockfile: the path of the lockfile (only its file name is looked at).
    ///   - packages: names and the versions to move to, in order.
    /// - Returns: the command text, or nil for a file name pinaudit does not know.
    public static func command(lockfile: String, packages: [(name: String, version: String)]) -> String? {
        let file = lockfile.split(separator: "/").last.map(String.init) ?? lockfile
        let exact = packages.map { "\($0.name)==\($0.version)" }
        let names = packages.map(\.name)
        switch file {
        case "uv.lock":
            return "uv lock " + exact.map { "--upgrade-package \($0)" }.joined(separator: " ")
        case "poetry.lock":
            return "poetry update " + names.joined(separator: " ")
        case "pdm.lock":
            return "pdm update " + names.joined(separator: " ")
        case "Pipfile.lock":
            return "pipenv update " + names.joined(separator: " ")
        case _ where file == "pylock.toml" || (file.hasPrefix("pylock.") && file.hasSuffix(".toml")):
            // PEP 751 files are exported; with uv: relock the project, then export again.
            return "uv lock " + exact.map { "--upgrade-package \($0)" }.joined(separator: " ")
                + " && uv export --format pylock.toml -o \(lockfile)"
        default:
            return nil
        }
    }
}
