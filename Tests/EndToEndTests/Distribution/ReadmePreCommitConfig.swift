import Foundation

/// The `.pre-commit-config.yaml` the README's Install section shows, read from the README itself so
/// that the test runs what users copy.
struct ReadmePreCommitConfig {
    var text: String

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The first ```yaml block of README.md that uses the `pinaudit-check` hook.
    static func load(root: URL) throws -> ReadmePreCommitConfig {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        var block: [Substring]? = nil
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if block == nil {
                if line.trimmingCharacters(in: .whitespaces) == "```yaml" { block = [] }
            } else if line.trimmingCharacters(in: .whitespaces) == "```" {
                if block!.contains(where: { $0.contains("id: pinaudit-check") }) {
                    return ReadmePreCommitConfig(text: block!.joined(separator: "\n") + "\n")
                }
                block = nil
            } else {
                block!.append(line)
            }
        }
        throw Missing(description: "README.md has no ```yaml block with `id: pinaudit-check`")
    }

    /// The same configuration with its `repo:` and `rev:` values replaced, so that pre-commit clones
    /// the package under test instead of the published repository.
    func pointing(at repository: URL, revision: String) throws -> String {
        var replaced = (repo: false, rev: false)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let body = line.drop { $0 == " " || $0 == "-" }
            let indent = line.prefix(line.count - body.count)
            if body.hasPrefix("repo: ") { replaced.repo = true; return "\(indent)repo: \(repository.path)" }
            if body.hasPrefix("rev: ") { replaced.rev = true; return "\(indent)rev: \(revision)" }
            return String(line)
        }
        guard replaced.repo && replaced.rev else {
            throw Missing(description: "the README's pre-commit configuration has no `repo:` or no `rev:` line")
        }
        return lines.joined(separator: "\n")
    }
}
