import Foundation
import PinAuditCore
import Testing

/// Every entry of the library's registries is reachable from the command line, and `--help` names it.
@Suite struct RegistryReachabilityTests {
    @Test func formatAcceptsExactlyTheRegisteredNames() throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==3.0.3\n"])
        for name in ReportFormatRegistry.names {
            let run = try CLIRunner.run(["check", "--no-index", "--format", name, "requirements.txt"], in: dir)
            #expect(run.status == 0, "\(name): \(run.stderr)")
            #expect(!run.stdout.isEmpty || name == "github", "\(name) printed nothing")
        }
        let unknown = try CLIRunner.run(["check", "--no-index", "--format", "yaml", "requirements.txt"], in: dir)
        #expect(unknown.status == 2)
        for name in ReportFormatRegistry.names { #expect(unknown.stderr.contains("'\(name)'"), "\(unknown.stderr)") }
    }

    @Test func planAcceptsTheFormatsWithAPlanFormAndRefusesTheOthers() throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==3.0.3\n"])
        for format in ReportFormatRegistry.formats where !format.rendersPlans {
            let run = try CLIRunner.run(["plan", "--offline", "--format", format.name, "requirements.txt"], in: dir)
            #expect(run.status == 2, "\(format.name)")
            #expect(run.stderr.contains("plan prints text, json or markdown."), "\(run.stderr)")
        }
        #expect(ReportFormatRegistry.formats.filter(\.rendersPlans).map(\.name) == ["text", "json", "markdown"])
    }

    @Test func helpListsEveryFormatInputKindAndVulnerabilitySource() throws {
        let dir = try CLIRunner.workspace([:])
        let check = try CLIRunner.run(["check", "--help"], in: dir)
        #expect(check.status == 0)
        let flat = check.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("Output format: " + ReportFormatRegistry.names.joined(separator: ", ") + "."), "\(check.stdout)")
        for kind in InputKindRegistry.kinds {
            for name in kind.helpNames { #expect(flat.contains(name), "check --help does not name \(name) (\(kind.name))") }
        }
        let audit = try CLIRunner.run(["audit", "--help"], in: dir)
        let auditFlat = audit.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for source in VulnerabilitySource.allCases { #expect(auditFlat.contains(source.rawValue), "audit --help lacks \(source.rawValue)") }
    }
}
