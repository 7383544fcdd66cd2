import ArgumentParser
import Foundation
import PinAuditCore

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fail when any package is not pinned with ==.",
        discussion: """
        Reads requirements and constraints files exactly as pip does (includes, hashes, markers, URLs, \
        editables) and reports every requirement that is not pinned to one exact version. Without \
        --no-index it also walks the transitive closure through the index and reports every package a pin \
        needs that is not pinned itself.

        With no PATH, pinaudit finds requirements*.txt, requirements/*.txt and constraints*.txt in the \
        working directory and below.

        Examples:
          pinaudit check --no-index requirements.txt
          pinaudit check --format github requirements.txt   # annotations in a pull request
          pinaudit check --format json -o report.json
        """
    )

    @Argument(help: ArgumentHelp("Requirements or constraints files (default: discover them).", valueName: "path"))
    var paths: [String] = []

    @Option(name: [.short, .customLong("constraint")], help: ArgumentHelp("A constraints file, as pip's -c (repeatable).", valueName: "file"))
    var constraints: [String] = []

    @Flag(help: "Read the files only; do not ask the index about the transitive closure.")
    var noIndex = false

    @OptionGroup var report: ReportOptions
    @OptionGroup var targets: TargetOptions

    func run() async throws {
        let loader = SourceLoader()
        let printer = ReportPrinter(options: report)
        var files = paths, constraintFiles = constraints
        if files.isEmpty && constraintFiles.isEmpty {
            (files, constraintFiles) = loader.discover()
            if files.isEmpty && constraintFiles.isEmpty {
                throw InputFailure("no requirements file found in \(loader.cwd): name one, e.g. `pinaudit check requirements.txt`.")
            }
        }
        let reading = try loader.load(files, constraints: constraintFiles)
        printer.info("pinaudit: read \(reading.files.joined(separator: ", "))")
        let (envs, labels, _) = targets.environments(implied: reading.impliedPythonVersion)
        var findings = reading.findings
        findings += PinningAnalysis.findings(for: reading.entries, targets: envs)
        let result = Report(command: "check", files: reading.files, requirements: reading.entries,
                            packages: nil, findings: findings, targets: labels)
        throw ExitCode(try printer.emit(result))
    }
}
