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
public enum TextFormatter {
    public static func format(_ report: Report, style: TextStyle = .plain) -> String {
        var out = ""
        for severity in [Severity.error, .warning, .note] {
            let group = report.findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            let title = "\(severity.rawValue)s (\(group.count))".uppercased()
            out += style.severity(severity, style.bold(title)) + "\n"
            for f in group.sorted(by: order) {
                let place = f.location.map { "\($0.file):\($0.line): " } ?? ""
                let package = f.package.map { style.bold($0) + ": " } ?? ""
                out += "  \(style.dim(place))\(package)\(f.message) \(style.dim("[\(f.rule.rawValue)]"))\n"
            }
            out += "\n"
        }
        if let packages = report.packages, report.command != "check" {
            out += outdatedTable(packages, style: style)
        }
        for note in report.notes { out += style.dim("note: \(note)") + "\n" }
        let summary = GitHubFormatter.summaryLine(report)
        let worst = report.findings.map(\.severity).max()
        out += (worst.map { style.severity($0, summary) } ?? summary) + "\n"
        return out
    }

    static func order(_ a: Finding, _ b: Finding) -> Bool {
        let la = a.location.map { ($0.file, $0.line) } ?? ("", 0)
        let lb = b.location.map { ($0.file, $0.line) } ?? ("", 0)
        if la != lb { return la < lb }
        return (a.package ?? "") < (b.package ?? "")
    }

    /// A compact table of pins with newer releases, fitting 80 columns.
    static func outdatedTable(_ packages: [PackageReport], style: TextStyle) -> String {
        let rows = packages.filter { p in p.version != nil && p.latest != nil && p.latest != p.version }
        guard !rows.isEmpty else { return "" }
        func cut(_ s: String, _ n: Int) -> String { s.count <= n ? s.padding(n) : String(s.prefix(n - 1)) + "…" }
        var out = style.bold(cut("package", 26) + " " + cut("pinned", 14) + " " + cut("patch", 12) + " " + cut("minor", 12) + " " + "latest") + "\n"
        for p in rows {
            out += cut(p.name, 26) + " " + cut(p.version ?? "", 14) + " " + cut(p.latestPatch ?? "-", 12) + " "
                + cut(p.latestMinor ?? "-", 12) + " " + (p.latest ?? "-") + "\n"
        }
        return out + "\n"
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
