import ArgumentParser
import Foundation
import PackageIndexClient
import PinAuditCore

@main
struct PinAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pinaudit",
        abstract: "Keep a Python project's dependency pins honest.",
        discussion: """
        pinaudit reads requirements files (pip's full syntax), lockfiles and Dockerfiles, proves that every \
        package of the transitive closure is pinned with `==`, asks the package index (PyPI by default) about \
        every pin, and plans controlled updates.

        Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it (for plan, only \
        with --exit-code: updates pending); 2 usage error or unreadable input; 3 the index could not answer for every package.

        Examples:
          pinaudit check --no-index requirements.txt      # CI gate: every line pinned with ==
          pinaudit check requirements.txt                  # the whole transitive closure pinned
          pinaudit audit --format markdown                 # yanked, outdated, vulnerable pins
          pinaudit plan --format markdown                  # an ordered, consistent update plan
        """,
        version: PinAuditVersion.current,
        subcommands: [CheckCommand.self, AuditCommand.self, PlanCommand.self, DatabaseCommand.self]
    )

    /// ArgumentParser's own errors exit 64; pinaudit promises 2 for every usage error.
    static func main() async {
        ProcessMemory.tuneForLargeDocuments()
        // A reader that goes away (`| head -1`) is an EPIPE that StandardStream ends quietly, not a signal.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let input as InputFailure {
            StandardStream.writeMessage("pinaudit: error: \(OutputSanitizer.terminalLines(input.description))\n")
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                print(message)
                Foundation.exit(0)
            }
            StandardStream.writeMessage(OutputSanitizer.terminalLines(message.isEmpty ? "\(error)" : message) + "\n")
            Foundation.exit(2)
        }
    }
}
