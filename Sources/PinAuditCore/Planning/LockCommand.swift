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
                + " && uv export --format pylock.toml -o \(shellQuoted(lockfile))"
        default:
            return nil
        }
    }

    /// `text` as one POSIX shell word: as is when it holds only characters no shell treats specially,
    /// else in single quotes (a file name from a pull request may hold `$(...)`, `;` or blanks).
    static func shellQuoted(_ text: String) -> String {
        let plain = !text.isEmpty && text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || "._/+:@-".utf8.contains(byte)
        }
        guard !plain else { return text }
        return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: #"'\''"#) + "'"
    }
}
