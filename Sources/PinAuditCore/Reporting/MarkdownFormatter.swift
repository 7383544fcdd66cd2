/// A report for people to read in an issue or a pull request (`--format markdown`): a title, a
/// summary table, one section per rule with a table of its findings, links to each project's page
/// and changelog, then the notes. Everything taken from the report is escaped; output depends only
/// on the report.
public enum MarkdownFormatter {
    public static func format(_ report: Report) -> String {
        var out: [String] = ["# pinaudit \(report.command) report", ""]
        out += summary(report)

        let packages = Dictionary((report.packages ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let pinned = pinnedVersions(report)
        let rules = Rule.allCases.filter { rule in report.findings.contains { $0.rule == rule } }
            .sorted { worst($0, report) > worst($1, report) }   // stable: ties keep Rule order

        if report.findings.isEmpty {
            out += ["No findings.", ""]
        }
        for rule in rules {
            let findings = report.findings.filter { $0.rule == rule }.sorted(by: findingOrder)
            out.append("## `\(rule.rawValue)`: \(countText(findings.count, "finding"))")
            out.append("")
            out.append(escape(rule.summary))
            out.append("")
            out.append("| Package | Version | Location | Severity | Message |")
            out.append("|---|---|---|---|---|")
            for finding in findings {
                let name = finding.package ?? ""
                let page = OutputSanitizer.webLink(packages[name]?.pageURL)
                let packageCell = name.isEmpty ? "" : (page.map { link(name, $0) } ?? escape(name))
                let version = packages[name]?.version ?? pinned[name] ?? ""
                let location = finding.location.map { code($0.description) } ?? ""
                out.append("| \(packageCell) | \(escape(version)) | \(location) | \(finding.severity.rawValue) | \(escape(finding.message)) |")
            }
            out.append("")
        }

        out += projectLinks(report, packages: packages, pinned: pinned)

        if !report.notes.isEmpty {
            out += ["## Notes", ""]
            out += report.notes.map { "- " + escape($0) }
            out.append("")
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    private static func summary(_ report: Report) -> [String] {
        var lines = ["| | Count |", "|---|---:|"]
        lines.append("| Errors | \(report.count(.error)) |")
        lines.append("| Warnings | \(report.count(.warning)) |")
        lines.append("| Notes | \(report.count(.note)) |")
        if let packages = report.packages { lines.append("| Packages audited | \(packages.count) |") }
        lines.append("| Requirements read | \(report.requirements.count) |")
        lines.append("")
        if !report.files.isEmpty { lines += ["Files: " + report.files.map(code).joined(separator: ", "), ""] }
        if !report.targets.isEmpty { lines += ["Targets: " + report.targets.map(code).joined(separator: ", "), ""] }
        if report.incomplete {
            lines += ["> **Incomplete:** the index could not answer for every package; findings may be missing.", ""]
        }
        return lines
    }

    /// Page and changelog links of the packages that have findings, by name.
    private static func projectLinks(_ report: Report, packages: [String: PackageReport], pinned: [String: String]) -> [String] {
        let names = Set(report.findings.compactMap(\.package)).sorted()
        let rows: [String] = names.compactMap { name in
            guard let package = packages[name] else { return nil }
            var links: [String] = []
            if let page = OutputSanitizer.webLink(package.pageURL) { links.append(link("project page", page)) }
            if let changelog = changelogURL(package.projectURLs ?? [:]) { links.append(link("changelog", changelog)) }
            guard !links.isEmpty || package.latest != nil else { return nil }
            let version = package.version ?? pinned[name] ?? ""
            return "| \(escape(name)) | \(escape(version)) | \(escape(package.latest ?? "")) | \(links.joined(separator: " · ")) |"
        }
        guard !rows.isEmpty else { return [] }
        return ["## Projects", "", "| Package | Pinned | Latest | Links |", "|---|---|---|---|"] + rows + [""]
    }

    /// The first web link among the project URLs (by label, sorted) whose label means a changelog:
    /// Changelog, Change log, Changes, Release notes, History, News, What's new (any case).
    static func changelogURL(_ urls: [String: String]) -> String? {
        let wanted: Set<String> = ["changelog", "changes", "releasenotes", "history", "news", "whatsnew", "changelogs"]
        func normalized(_ label: String) -> String { String(label.lowercased().filter { $0.isLetter }) }
        return urls.keys.sorted().lazy.filter { wanted.contains(normalized($0)) }.compactMap { OutputSanitizer.webLink(urls[$0]) }.first
    }

    private static func pinnedVersions(_ report: Report) -> [String: String] {
        var result: [String: String] = [:]
        for entry in report.requirements {
            if let name = entry.canonicalName, let version = entry.pinnedVersion, result[name] == nil { result[name] = version }
        }
        return result
    }

    private static func worst(_ rule: Rule, _ report: Report) -> Severity {
        report.findings.filter { $0.rule == rule }.map(\.severity).max() ?? .note
    }

    private static func findingOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        let fileA = a.location?.file ?? "", fileB = b.location?.file ?? ""
        if fileA != fileB { return fileA < fileB }
        let lineA = a.location?.line ?? 0, lineB = b.location?.line ?? 0
        if lineA != lineB { return lineA < lineB }
        if (a.package ?? "") != (b.package ?? "") { return (a.package ?? "") < (b.package ?? "") }
        return a.message < b.message
    }

    private static func countText(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Text from the report in a cell or list item: `OutputSanitizer.markdown`.
    static func escape(_ text: String) -> String { OutputSanitizer.markdown(text) }

    static func code(_ text: String) -> String { OutputSanitizer.markdownCode(text) }

    static func link(_ text: String, _ url: String) -> String { OutputSanitizer.markdownLink(text, url) }
}
