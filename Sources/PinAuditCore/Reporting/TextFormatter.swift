import PythonPackaging

/// How text output is decorated; the command layer supplies colors on a terminal.
public struct TextStyle: Sendable {
    public var error: @Sendable (String) -> String
    public var warning: @Sendable (String) -> String
    public var note: @Sendable (String) -> String
    public var bold: @Sendable (String) -> String
    public var dim: @Sendable (String) -> String

    public init(error: @escaping @Sendable (String) -> String, warning: @escaping @Sendable (String) -> String,
                note: @escaping @Sendable (String) -> String, bold: @escaping @Sendable (String) -> String,
                dim: @escaping @Sendable (String) -> String) {
        self.error = error; self.warning = warning; self.note = note; self.bold = bold; self.dim = dim
    }

    public static let plain = TextStyle(error: { $0 }, warning: { $0 }, note: { $0 }, bold: { $0 }, dim: { $0 })

    func severity(_ s: Severity, _ text: String) -> String {
        switch s { case .error: error(text); case .warning: warning(text); case .note: note(text) }
    }
}

/// Output for people: findings grouped by severity as `file:line: package: message`, then a summary.
/// Text from files and the index goes through `OutputSanitizer.terminal` before it is styled.
public enum TextFormatter {
    public static func format(_ report: Report, style: TextStyle = .plain) -> String {
        var out = ""
        for severity in [Severity.error, .warning, .note] {
            let group = report.findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            let title = "\(severity.rawValue)s (\(group.count))".uppercased()
            out += style.severity(severity, style.bold(title)) + "\n"
            for f in group.sorted(by: order) {
                var words: [(plain: String, styled: String)] = []
                if let location = f.location {
                    let place = "\(OutputSanitizer.terminal(location.file)):\(location.line):"
                    words.append((place, style.dim(place)))
                }
                if let package = f.package.map(OutputSanitizer.terminal) { words.append((package + ":", style.bold(package) + ":")) }
                words += OutputSanitizer.terminal(f.message).split(whereSeparator: \.isWhitespace).map { (String($0), String($0)) }
                let rule = "[\(f.rule.rawValue)]"
                words.append((rule, style.dim(rule)))
                out += wrapped(words, width: 80, indent: 2, continuation: 4)
            }
            out += "\n"
        }
        if let packages = report.packages, report.command != "check" {
            out += outdatedTable(packages, style: style)
        }
        for note in report.notes {
            let words = ("note: " + OutputSanitizer.terminal(note)).split(whereSeparator: \.isWhitespace).map { (String($0), style.dim(String($0))) }
            out += wrapped(words, width: 80, indent: 0, continuation: 6)
        }
        let worst = report.findings.map(\.severity).max()
        let summary = GitHubFormatter.summaryLine(report).split(separator: " ").map { word in
            (String(word), worst.map { style.severity($0, String(word)) } ?? String(word))
        }
        out += wrapped(summary, width: 80, indent: 0, continuation: 2)
        return out
    }

    /// Words laid out in lines of at most `width` columns (a longer word gets a line of its own),
    /// measured on their plain text; continuation lines are indented further.
    static func wrapped(_ words: [(plain: String, styled: String)], width: Int, indent: Int, continuation: Int) -> String {
        var out = String(repeating: " ", count: indent)
        var column = indent
        var lineHasWords = false
        for word in words {
            let length = word.plain.count
            if lineHasWords && column + 1 + length > width {
                out += "\n" + String(repeating: " ", count: continuation)
                column = continuation
                lineHasWords = false
            }
            if lineHasWords { out += " "; column += 1 }
            out += word.styled
            column += length
            lineHasWords = true
        }
        return out + "\n"
    }

    static func order(_ a: Finding, _ b: Finding) -> Bool {
        let la = a.location.map { ($0.file, $0.line) } ?? ("", 0)
        let lb = b.location.map { ($0.file, $0.line) } ?? ("", 0)
        if la != lb { return la < lb }
        return (a.package ?? "") < (b.package ?? "")
    }

    /// A compact table of pins with newer releases, fitting 80 columns.
    static func outdatedTable(_ packages: [PackageReport], style: TextStyle) -> String {
        // Pins with a newer release by PEP 440 (`1.0.0` is `1.0`; a pin the index never had is not "behind").
        let rows = packages.filter { p in
            guard let version = p.version, let latest = p.latest else { return false }
            guard let pinned = Version.parse(version), let newest = Version.parse(latest) else { return latest != version }
            return newest > pinned
        }
        guard !rows.isEmpty else { return "" }
        func cut(_ text: String, _ n: Int) -> String {
            let s = OutputSanitizer.terminal(text)
            return s.count <= n ? s.padding(n) : String(s.prefix(n - 1)) + "…"
        }
        var out = style.bold(cut("package", 26) + " " + cut("pinned", 14) + " " + cut("patch", 12) + " " + cut("minor", 12) + " " + "latest") + "\n"
        for p in rows {
            out += cut(p.name, 26) + " " + cut(p.version ?? "", 14) + " " + cut(p.latestPatch ?? "-", 12) + " "
                + cut(p.latestMinor ?? "-", 12) + " " + OutputSanitizer.terminal(p.latest ?? "-") + "\n"
        }
        return out + "\n"
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
