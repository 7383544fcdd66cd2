import Foundation
import Testing

/// The README's completion and man-page recipes, run as written.
@Suite struct ShellCompletionTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The lines between `<!-- completions` and `<!-- end completions -->` in the README.
    static func readmeCompletionRecipe() throws -> [String] {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = readme.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("<!-- completions") })
        let end = try #require(lines.firstIndex { $0.hasPrefix("<!-- end completions") })
        return lines[(start + 1)..<end].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func theReadmeRecipeInstallsACompletionScriptForEachShell() async throws {
        let recipe = try Self.readmeCompletionRecipe()
        #expect(recipe.count == 4, "\(recipe)")
        let home = try CLIRunner.workspace([:])
        let binaries = CLIRunner.binary.deletingLastPathComponent().path
        let outcome = try await ProcessProbe.run("set -e\n" + recipe.joined(separator: "\n"), in: home,
                                           environment: ["HOME": home.path, "PATH": binaries + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")])
        #expect(outcome.status == 0, "\(outcome)")
        for script in [".local/share/bash-completion/completions/pinaudit", ".zfunc/_pinaudit", ".config/fish/completions/pinaudit.fish"] {
            let text = try String(contentsOf: home.appendingPathComponent(script), encoding: .utf8)
            // Each shell spells options its own way (`--requirement`, fish's `-l requirement`).
            for word in ["check", "audit", "plan", "requirement", "constraint", "max-file-size"] {
                #expect(text.contains(word), "\(script) does not name \(word)")
            }
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash"), "bash is not installed"))
    func bashLoadsTheCompletionScript() async throws {
        let home = try CLIRunner.workspace([:])
        let outcome = try await ProcessProbe.run("""
        "$PINAUDIT" --generate-completion-script bash > pinaudit.bash
        exec /bin/bash -c '. ./pinaudit.bash && complete -p pinaudit'
        """, in: home)
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.contains("pinaudit"), "\(outcome)")
    }

    /// swift-argument-parser's generate-manual tool, built by `scripts/install-man-page.sh`
    /// (`swift package generate-manual`) next to the pinaudit binary.
    static var manualTool: URL { CLIRunner.binary.deletingLastPathComponent().appendingPathComponent("generate-manual-tool") }
    static var manualToolBuilt: Bool { FileManager.default.isExecutableFile(atPath: manualTool.path) }
    static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    @Test(.enabled(if: manualToolBuilt || inCI, "generate-manual is not built: run scripts/install-man-page.sh once (PINAUDIT_MAN_CONFIGURATION=debug)"))
    func theManPageNamesEveryCommandAndOption() async throws {
        try #require(Self.manualToolBuilt, "CI=true: .ci/run must run scripts/install-man-page.sh before the tests")
        let dir = try CLIRunner.workspace([:])
        let outcome = try await ProcessProbe.run("mkdir man && exec \"\(Self.manualTool.path)\" \"$PINAUDIT\" --output-directory man", in: dir)
        #expect(outcome.status == 0, "\(outcome)")
        let page = try String(contentsOf: dir.appendingPathComponent("man/pinaudit.1"), encoding: .utf8)
        #expect(page.contains(".Nm pinaudit"))
        for word in ["check", "audit", "plan", "requirement", "constraint", "max-file-size", "Exit codes"] {
            #expect(page.contains(word), "the man page does not name \(word)")
        }
    }

    @Test func theManPageScriptIsTheOneTheReadmeNames() async throws {
        let script = Self.packageRoot.appendingPathComponent("scripts/install-man-page.sh")
        #expect(FileManager.default.isExecutableFile(atPath: script.path))
        let text = try String(contentsOf: script, encoding: .utf8)
        #expect(text.contains("swift package generate-manual"))
        let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("scripts/install-man-page.sh"))
    }
}
