import Foundation

/// Where this repository's files are, the README's recipes, and which external tools the job tests can use.
enum RepositoryFiles {
    /// The repository root: three folders above this file (`Tests/EndToEndTests/Jobs`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The first executable `name` on `PATH`, if any.
    static func tool(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Whether tests that need `tools` run: when they are all on `PATH`, and always under `CI=true`, where
    /// a missing tool must fail the test rather than skip it (CI installs them in `.ci/run`).
    static func shouldRun(needing tools: [String]) -> Bool {
        ProcessInfo.processInfo.environment["CI"] == "true" || tools.allSatisfy { tool($0) != nil }
    }

    /// Fails with a message naming the tools that are missing.
    static func requireTools(_ tools: [String]) throws {
        let missing = tools.filter { tool($0) == nil }
        if !missing.isEmpty {
            throw WorkflowRunError("\(missing.joined(separator: ", ")) not on PATH: CI must install it (see .ci/run)")
        }
    }

    /// A README recipe: the fenced block that follows a `<!-- recipe: NAME -->` line.
    static func readmeRecipe(_ name: String) throws -> String {
        let readme = try String(contentsOf: RepositoryFiles.url("README.md"), encoding: .utf8)
        guard let marker = readme.range(of: "<!-- recipe: \(name) -->") else { throw WorkflowRunError("README.md has no recipe \(name)") }
        let rest = readme[marker.upperBound...]
        guard let open = rest.range(of: "```"), let lineEnd = rest[open.upperBound...].firstIndex(of: "\n"),
              let close = rest[lineEnd...].range(of: "\n```") else {
            throw WorkflowRunError("the recipe \(name) in README.md has no fenced block")
        }
        return String(rest[rest.index(after: lineEnd)..<close.lowerBound]) + "\n"
    }

    /// The recipe's lines that are commands (not blank).
    static func readmeCommands(_ name: String) throws -> [String] {
        try readmeRecipe(name).split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }
}
