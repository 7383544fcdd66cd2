import ArgumentParser
import Foundation
import PinAuditCore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fail when any package of the closure is not pinned with ==.",
        discussion: """
        Reads requirements and constraints files exactly as pip does (includes, hashes, markers, URLs, \
        editables) and reports every requirement that is not pinned to one exact version. Without \
        --no-index it also walks the transitive closure through the index (the Requires-Dist of every \
        pinned version, markers evaluated for the targets, extras followed) and reports every package a \
        pin needs that is not pinned itself, and every pin that violates a dependent's specifier.

        With no PATH, pinaudit finds requirements*.txt, requirements/*.txt and constraints*.txt (read as \
        constraints) in the working directory and below.

        Examples:
          pinaudit check --no-index requirements.txt        # fast CI gate: every line pinned
          pinaudit check requirements.txt                    # the whole closure pinned
          pinaudit check --format github requirements.txt    # annotations in a pull request
          pinaudit check --python-version 3.9 --python-version 3.12 --platform linux --platform windows
        """
    )

    @Argument(help: ArgumentHelp("Requirements files, read as `pip install -r` would (default: discover them).", valueName: "path"))
    var paths: [String] = []

    @Option(name: [.short, .customLong("constraint")], help: ArgumentHelp("A constraints file, as pip's -c (repeatable).", valueName: "file"))
    var constraints: [String] = []

    @Flag(help: "Read the files only; do not ask the index about the transitive closure.")
    var noIndex = false

    @Option(help: ArgumentHelp("A configuration file (default: .pinaudit.toml or pyproject.toml's [tool.pinaudit], found upward).", valueName: "file"))
    var config: String?

    @OptionGroup(title: "Output") var report: ReportOptions
    @OptionGroup(title: "Targets") var targets: TargetOptions
    @OptionGroup(title: "Index and cache") var index: IndexOptions

    func run() async throws {
        let pipeline = Pipeline(report: report, targets: targets, index: index, configPath: config)
        let run = try await pipeline.run(command: "check", paths: paths, constraints: constraints, useIndex: !noIndex, audit: false)
        throw ExitCode(try ReportPrinter(options: report).emit(run.report))
    }
}
