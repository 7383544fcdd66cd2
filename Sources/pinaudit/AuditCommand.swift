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
          pinaudit audit --offline --cache-dir cache examples/requirements.txt
        """
    )

    @Argument(help: ArgumentHelp("Requirements files (default: discover them).", valueName: "path"))
    var paths: [String] = []

    @Option(name: [.short, .customLong("constraint")], help: ArgumentHelp("A constraints file, as pip's -c (repeatable).", valueName: "file"))
    var constraints: [String] = []

    @Option(help: ArgumentHelp("A configuration file (default: .pinaudit.toml or pyproject.toml's [tool.pinaudit], found upward).", valueName: "file"))
    var config: String?

    @OptionGroup(title: "Output") var report: ReportOptions
    @OptionGroup(title: "Targets") var targets: TargetOptions
    @OptionGroup(title: "Index and cache") var index: IndexOptions

    func run() async throws {
        let pipeline = Pipeline(report: report, targets: targets, index: index, configPath: config)
        let run = try await pipeline.run(command: "audit", paths: paths, constraints: constraints, useIndex: true, audit: true)
        throw ExitCode(try ReportPrinter(options: report).emit(run.report))
    }
}
