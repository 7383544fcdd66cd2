import Foundation
import Testing
import TestSupport

/// The escape-laden fixture of `HostileIndexServer` (for the tests of output escaping): every
/// command and format reads it to the end, without a signal, and reports the yanked, vulnerable
/// release that carries the hostile text. (Whether each format makes that text safe is tested
/// where the formatters' escaping is.)
@Suite struct EscapeLadenIndexTests {
    @Test func everyCommandAndFormatReadsHostileTextToTheEnd() throws {
        let index = try HostileIndexServer()
        index.addEscapeLadenProject("evil", version: "1.0")
        index.addProject("calm", version: "1.0", newer: ["1.1"])
        let dir = try CLIRunner.workspace(["requirements.txt": "evil==1.0\ncalm==1.0\n", ".pinaudit.toml": "[plan]\nmin-age = 0\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        for command in ["check", "audit", "plan"] {
            for format in ["text", "json", "github", "markdown", "sarif"] where !(command == "plan" && ["github", "sarif"].contains(format)) {
                let run = try MeasuredCLIRun.run([command, "--format", format, "requirements.txt"], in: dir,
                                                 environment: ["PINAUDIT_INDEX_URL": index.jsonAPIURL], timeout: 120)
                let label = "\(command) --format \(format)"
                #expect(run.signal == nil, "\(label): \(run.summary)")
                // audit fails on the yanked pin; check finds nothing; a plan that was made exits 0.
                #expect(run.exitCode == (command == "audit" ? 1 : 0), "\(label): \(run.summary)\n\(run.stdout)\n\(run.stderr)")
                #expect(run.peakRSSMegabytes < HostileIndexTests.maxRSS, "\(label): \(run.summary)")
                if command == "audit" {
                    #expect(run.stdout.contains("yanked"), "\(label)")
                    #expect(run.stdout.contains("GHSA-host-ile0-text"), "\(label)")
                }
            }
        }
    }

    @Test func theHostileStringsAreWhatTheirNamesSay() {
        #expect(HostileIndexText.all.count == 11)
        #expect(HostileIndexText.all.allSatisfy { !$0.isEmpty })
        #expect(HostileIndexText.containsRawControl(HostileIndexText.ansiClearScreen))
        #expect(HostileIndexText.containsRawControl(HostileIndexText.bidiOverride))
        #expect(HostileIndexText.containsRawControl(HostileIndexText.nul))
        #expect(!HostileIndexText.containsRawControl("plain text\twith a tab\nand a newline"))
        #expect(HostileIndexText.workflowCommand.contains("\n::warning "))
    }
}
