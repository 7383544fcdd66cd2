/// GitHub Actions workflow commands, so findings appear inline in a pull request. Every
/// annotation is exactly one line: messages and properties go through `OutputSanitizer`.
public enum GitHubFormatter {
    public static func format(_ report: Report) -> String {
        var out = ""
        for f in report.findings {
            let command: String
            switch f.severity { case .error: command = "error"; case .warning: command = "warning"; case .note: command = "notice" }
            var properties: [String] = []
            if let location = f.location {
                properties.append("file=\(escapeProperty(location.file))")
                properties.append("line=\(location.line)")
            }
            var title = f.package.map { "\(f.rule.rawValue): \($0)" } ?? f.rule.rawValue
            if let severity = f.vulnerability?.severity { title += " (\(severity.label))" }
            properties.append("title=\(escapeProperty(title))")
            out += "::\(command) \(properties.joined(separator: ","))::\(escapeData(f.message))\n"
        }
        // Notes say what could not be checked; as annotations they show in the run's summary.
        for note in report.notes { out += "::notice title=pinaudit::\(escapeData(note))\n" }
        out += "\(summaryLine(report))\n"
        return out
    }

    /// A message: one line whatever it holds (`OutputSanitizer.gitHubMessage`).
    static func escapeData(_ s: String) -> String { OutputSanitizer.gitHubMessage(s) }

    /// A property value: `OutputSanitizer.gitHubProperty`.
    static func escapeProperty(_ s: String) -> String { OutputSanitizer.gitHubProperty(s) }

    /// "pinaudit check: 2 errors, 1 warning, 0 notes in 3 files".
    public static func summaryLine(_ report: Report) -> String {
        func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        let files = report.files.count
        var line = "pinaudit \(report.command): \(n(report.count(.error), "error")), \(n(report.count(.warning), "warning")), \(n(report.count(.note), "note"))"
        line += " in \(n(files, "file"))"
        if let packages = report.packages { line += ", \(n(packages.count, "package")) checked" }
        if report.incomplete { line += " (incomplete: not every package could be checked; see the index-error findings)" }
        return line
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard contains(target) else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
