import Foundation

/// The README's recipes: each fenced block that follows a `<!-- recipe: NAME -->` line.
enum ReadmeRecipes {
    static func block(_ name: String) throws -> String {
        let readme = try String(contentsOf: RepositoryFiles.url("README.md"), encoding: .utf8)
        guard let marker = readme.range(of: "<!-- recipe: \(name) -->") else { throw WorkflowRunError("README.md has no recipe \(name)") }
        let rest = readme[marker.upperBound...]
        guard let open = rest.range(of: "```"), let lineEnd = rest[open.upperBound...].firstIndex(of: "\n"),
              let close = rest[lineEnd...].range(of: "\n```") else {
            throw WorkflowRunError("the recipe \(name) in README.md has no fenced block")
        }
        return String(rest[rest.index(after: lineEnd)..<close.lowerBound]) + "\n"
    }

    /// The block's lines that are commands (not blank).
    static func commands(_ name: String) throws -> [String] {
        try block(name).split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
