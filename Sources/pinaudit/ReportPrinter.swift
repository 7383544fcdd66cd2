import Foundation
import PinAuditCore
import Rainbow

/// Renders a report in the chosen format, writes it, and decides the exit code — the one place that does.
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
        switch options.format {
        case .text: return TextFormatter.format(report, style: colorsOn ? Self.colorStyle : .plain)
        case .json: return JSONFormatter.format(report)
        case .github: return GitHubFormatter.format(report)
        case .markdown: return MarkdownFormatter.format(report)
        case .sarif: return SARIFFormatter.format(report, toolVersion: PinAuditVersion.current)
        }
    }

    static let colorStyle: TextStyle = {
        Rainbow.enabled = true
        return TextStyle(error: { $0.red }, warning: { $0.yellow }, note: { $0.cyan }, bold: { $0.bold }, dim: { $0.dim })
    }()

    /// Prints (or writes) the report and returns the exit code.
    /// Writes the report; the exit code fails on `--fail-on`, else on the configuration's `fail-on`, else on errors.
    func emit(_ report: Report, configuredFailOn: FailLevel? = nil) throws -> Int32 {
        try write(render(report))
        return Self.exitCode(for: report, failOn: options.failOn ?? configuredFailOn ?? .error)
    }

    /// Standard output, or the `--output` file written atomically.
    func write(_ text: String) throws {
        if let path = options.output {
            do { try FileReplacementBatch.writeReport(text, to: path) } catch { throw InputFailure(error.description) }
        } else {
            try StandardStream.writeReport(text)
        }
    }

    static func exitCode(for report: Report, failOn: FailLevel) -> Int32 {
        if let threshold = failOn.threshold, report.findings.contains(where: { $0.severity >= threshold && $0.rule != .indexError }) {
            return 1
        }
        if report.incomplete { return 3 }
        return 0
    }

    /// A line on standard error for people (never in machine formats' stdout).
    func info(_ message: String) {
        guard !options.quiet else { return }
        StandardStream.writeMessage(OutputSanitizer.terminalLines(message) + "\n")
    }
}
