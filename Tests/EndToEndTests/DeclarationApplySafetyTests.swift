import Foundation
import Testing

/// pyproject.toml and Pipfile go through the same writer as requirements files: links followed,
/// mode kept, hard links refused.
@Suite struct DeclarationApplySafetyTests {
    @Test(arguments: [
        ("pyproject.toml", "[project]\nname = \"svc\"\ndependencies = [\"werkzeug==2.0.1\", \"click==8.0.0\"]\n", "click==8.0.1"),
        ("Pipfile", "[packages]\nwerkzeug = \"==2.0.1\"\nclick = \"==8.0.0\"\n", "click = \"==8.0.1\""),
    ])
    func aLinkedDeclarationFileIsUpdatedInItsTarget(name: String, content: String, expected: String) async throws {
        let index = try IndexScenario.web()
        let dir = try CLIRunner.workspace(["real/\(name)": content, ".pinaudit.toml": "[plan]\nmin-age = 0\n"])
        chmod(dir.appendingPathComponent("real/\(name)").path, 0o640)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent(name).path, withDestinationPath: "real/\(name)")
        let result = try await CLIRunner.runOffPool(["plan", "--apply", "security", name], in: dir, environment: index.environment)
        #expect(result.stdout.contains("updated real/\(name) (through the link \(name))"), "\(result.stdout)\(result.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("real/\(name)"), encoding: .utf8).contains(expected))
        var info = stat()
        lstat(dir.appendingPathComponent(name).path, &info)
        #expect(info.st_mode & S_IFMT == S_IFLNK)
        stat(dir.appendingPathComponent("real/\(name)").path, &info)
        #expect(info.st_mode & 0o7777 == 0o640)

        #expect(link(dir.appendingPathComponent("real/\(name)").path, dir.appendingPathComponent("copy").path) == 0)
        let refused = try await CLIRunner.runOffPool(["plan", "--apply", "major", name], in: dir, environment: index.environment)
        #expect(refused.status == 2 && refused.stderr.contains("has 2 hard links"), "\(refused.stdout)\(refused.stderr)")
    }
}
