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

        With no PATH, pinaudit finds requirements*.txt, requirements/*.txt, constraints*.txt (read as \
        constraints), lockfiles (uv.lock, poetry.lock, Pipfile.lock, pdm.lock, pylock.toml), pyproject.toml \
        and Pipfile (with the lock beside them), Dockerfile, *.Dockerfile and Containerfile in the working \
        directory and below.

        Examples:
          pinaudit check --no-index requirements.txt   # fast gate: every line
          pinaudit check requirements.txt               # the whole closure
          pinaudit check --format github                # PR annotations
          pinaudit check --python-version 3.9 --python-version 3.12
        """
    )

    @OptionGroup var sources: SourceOptions

    @Flag(help: "Read the files only; do not ask the index about the transitive closure.")
    var noIndex = false

    @OptionGroup(title: "Output") var report: ReportOptions
    @OptionGroup(title: "Targets") var targets: TargetOptions
    @OptionGroup(title: "Index and cache") var index: IndexOptions

    func run() async throws {
        let frontend = RunFrontend(sources: sources, report: report, targets: targets, index: index)
        throw ExitCode(try await frontend.report(RunRequest(command: .check, flags: frontend.flags, useIndex: !noIndex)))
    }
}
