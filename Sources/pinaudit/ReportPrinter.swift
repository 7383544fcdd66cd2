import Foundation
import PinAuditCore
import Rainbow

/// Renders a report or a plan in the chosen format and writes it (the exit code is the library's `ExitStatus`).
struct ReportPrinter {
    let options: ReportOptions

    var colorsOn: Bool {
        switch options.color {
        case .always: return true
        case .never: return false
        case .auto:
            let env = ProcessInfo.processInfo.environment
            if let noColor = env["NO_COLOR"], !noColor.isEmpty { return false }
            return options.output == nil && isatty(STDOUT_FILENO) == 1 && env["TERM"] != "dumb"
        }
    }

    func render(_ report: Report) -> String {
        options.format.format.render(report, context: ReportRenderContext(style: colorsOn ? Self.colorStyle : .plain))
    }

    /// The plan in the chosen format (`PlanCommand.validate` lets only formats with a plan form through).
    func render(_ plan: Plan) -> String {
        options.format.format.render(plan) ?? PlanFormatter.text(plan)
    }

    static let colorStyle: TextStyle = {
        Rainbow.enabled = true
        return TextStyle(error: { $0.red }, warning: { $0.yellow }, note: { $0.cyan }, bold: { $0.bold }, dim: { $0.dim })
    }()

    /// Standard output, or the `--output` file written atomically.
    func write(_ text: String) throws {
        if let path = options.output {
            do { try FileReplacementBatch.writeReport(text, to: path) } catch { throw InputFailure(error.description) }
        } else {
            try StandardStream.writeReport(text)
        }
    }

    /// A line on standard error for people (never in machine formats' stdout).
    func info(_ message: String) {
        guard !options.quiet else { return }
        StandardStream.writeMessage(OutputSanitizer.terminalLines(message) + "\n")
    }
}
