import ArgumentParser
import Foundation
import PinAuditCore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Ask the index about every pin: yanked, outdated, vulnerable, wrong hashes.",
        discussion: """
        Everything `check` reports, plus for every pinned package of the closure: yanked releases (with \
        the index's reason and a replacement), newer releases (latest patch, minor and major for the \
        target Python), known vulnerabilities with the smallest fixing version, `--hash` values that match \
        no published file, packages unknown to the index, and archived, deprecated or quarantined projects.

        Examples:
          pinaudit audit requirements.txt
          pinaudit audit --format markdown -o audit.md        # a report for an issue or pull request
          pinaudit audit --format sarif -o pinaudit.sarif     # code scanning
          pinaudit audit --vuln-source both requirements.txt  # ask OSV as well
          pinaudit audit --vuln-source osv --vuln-fail-on high  # fail only on high and critical
          pinaudit audit --offline --cache-dir cache examples/requirements.txt
        """
    )

    @OptionGroup var sources: SourceOptions

    @OptionGroup(title: "Audit") var audit: AuditFlags
    @OptionGroup(title: "Output") var report: ReportOptions
    @OptionGroup(title: "Targets") var targets: TargetOptions
    @OptionGroup(title: "Index and cache") var index: IndexOptions

    func run() async throws {
        let frontend = RunFrontend(sources: sources, report: report, targets: targets, index: index)
        throw ExitCode(try await frontend.report(RunRequest(command: .audit, flags: audit.adding(to: frontend.flags))))
    }
}
