import Foundation
import Testing
import TestSupport

/// Hostile index text and a hostile requirements file (`HostileTextScenario`) through every
/// command and format of the built binary: no output holds a raw control or bidi character, a
/// workflow command of the index's, a raw HTML tag, a live mention or a link that is not a web link.
@Suite(.serialized) struct HostileTextCommandTests {
    struct Run: CustomTestStringConvertible {
        var arguments: [String]
        var markdown = false
        var annotations = false
        /// Text the output must hold, so the hostile text is known to have reached it.
        var marker: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let runs: [Run] = [
        Run(arguments: ["check", "--format", "text"], marker: "\\x1b]2;owned-title"),
        Run(arguments: ["check", "--format", "json"], marker: "\\u001b]2;owned-title"),
        Run(arguments: ["check", "--format", "github"], annotations: true, marker: "\\x1b]2;owned-title"),
        Run(arguments: ["check", "--format", "markdown"], markdown: true, marker: "\\\\x1b\\]2;owned-title"),
        Run(arguments: ["check", "--format", "sarif"], marker: "\\\\x1b]2;owned-title"),
        Run(arguments: ["audit", "--format", "text"], marker: "injected-warning"),
        Run(arguments: ["audit", "--format", "json"], marker: "injected-warning"),
        Run(arguments: ["audit", "--format", "github"], annotations: true, marker: "injected-warning"),
        Run(arguments: ["audit", "--format", "markdown"], markdown: true, marker: "injected-warning"),
        Run(arguments: ["audit", "--format", "sarif"], marker: "injected-warning"),
        Run(arguments: ["plan", "--format", "text"], marker: "injected-warning"),
        Run(arguments: ["plan", "--format", "markdown"], markdown: true, marker: "injected-warning"),
        Run(arguments: ["plan", "--format", "json"], marker: "injected-warning"),
        Run(arguments: ["plan", "--apply", "security", "--dry-run"], marker: "+evil==1.1"),
    ]

    @Test(arguments: runs)
    func noOutputLetsTheTextAct(run: Run) throws {
        let index = try HostileTextScenario()
        let dir = try CLIRunner.workspace(["requirements.txt": HostileTextScenario.requirements])
        let result = try CLIRunner.run(run.arguments + ["--color", "always", "requirements.txt"], in: dir, environment: index.environment)
        // check and audit fail on the findings; a plan that was made exits 0 (its exit contract).
        #expect(result.status == (run.arguments[0] == "plan" ? 0 : 1), "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(run.marker), "\(result.stdout)")
        // Colours are pinaudit's own escapes; with them off, whatever escape is left came from the text.
        let plain = try CLIRunner.run(run.arguments + ["requirements.txt"], in: dir, environment: index.environment)
        #expect(plain.stdout == result.stdout.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression))
        #expect(HostileText.problems(in: plain.stdout, markdown: run.markdown, annotations: run.annotations) == [])
        #expect(HostileText.problems(in: plain.stderr) == [])
        if run.annotations {
            let lines = plain.stdout.split(separator: "\n")
            #expect(lines.dropLast().allSatisfy(HostileText.isAnnotation), "\(plain.stdout)")
            #expect(lines.last?.hasPrefix("pinaudit \(run.arguments[0]): ") == true)
        }
    }

    /// A file name from a pull request reaches stderr ("read ...", "cannot read ...") and every
    /// location: its escapes are shown there too.
    @Test func fileNamesOnStandardErrorAndInLocations() throws {
        let name = "requirements-\u{1B}]0;title\u{07}\u{202E}.txt"
        let dir = try CLIRunner.workspace([name: "six>=1.0\n"])
        for format in ["text", "github", "markdown", "sarif", "json"] {
            let discovered = try CLIRunner.run(["check", "--no-index", "--format", format], in: dir)
            #expect(discovered.status == 1, "\(discovered.stdout)\(discovered.stderr)")
            #expect(discovered.stderr.contains("pinaudit: read requirements-\\x1b]0;title\\x07\\u202e.txt"), "\(discovered.stderr)")
            #expect(HostileText.problems(in: discovered.stdout, markdown: format == "markdown", annotations: format == "github") == [])
            #expect(HostileText.problems(in: discovered.stderr) == [])
        }
        let missing = try CLIRunner.run(["check", "--no-index", "gone\u{1B}[2J::add-mask::x.txt"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("gone\\x1b[2J"), "\(missing.stderr)")
        #expect(HostileText.problems(in: missing.stderr) == [])
    }

    /// JSON keeps what the index said, exactly, and drops the `javascript:` link.
    @Test func jsonKeepsTheIndexTextExactly() throws {
        let index = try HostileTextScenario()
        let dir = try CLIRunner.workspace(["requirements.txt": HostileTextScenario.requirements])
        let result = try CLIRunner.run(["audit", "--format", "json", "requirements.txt"], in: dir, environment: index.environment)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let packages = try #require(document["packages"] as? [[String: Any]])
        let evil = try #require(packages.first { $0["name"] as? String == "evil" })
        #expect(evil["yanked_reason"] as? String == HostileText.all)
        let vulny = try #require(packages.first { $0["name"] as? String == "vulny" })
        let advisory = try #require((vulny["vulnerabilities"] as? [[String: Any]])?.first)
        #expect(advisory["summary"] as? String == HostileText.all)
        #expect(advisory["link"] is NSNull)
    }
}
