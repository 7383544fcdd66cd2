extension PlanFormatter {
    /// The marker the update-report workflow looks for in an issue body.
    public static let fingerprintCommentPrefix = "<!-- pinaudit-plan-fingerprint: "

    /// The body of an update report: title, fingerprint comment, summary table, then each step
    /// with its packages, versions, kinds, reasons, dates, links and locations; then blocked, held
    /// and skipped packages. Text from the index and the files goes through `OutputSanitizer`.
    public static func markdown(_ plan: Plan) -> String {
        var out = ["# pinaudit update plan", "", "\(fingerprintCommentPrefix)\(plan.fingerprint) -->", ""]
        out.append(escape(summaryLine(plan)) + " As of \(plan.today).")
        out.append("")
        if !plan.targets.isEmpty { out += ["Targets: " + plan.targets.map(code).joined(separator: ", "), ""] }
        if plan.incomplete {
            out += ["> **Incomplete:** the index could not answer for every package; see *Skipped*.", ""]
        }
        if plan.steps.isEmpty {
            out += ["Nothing to update.", ""]
        } else {
            out += ["| Step | Kind | Packages | Why |", "|---:|---|---|---|"]
            for step in plan.steps {
                let packages = step.moves.map { escape(moveText($0)) }.joined(separator: "<br>")
                let why = step.moves.first.map { $0.reasons.map(\.text).map(escape).joined(separator: "; ") } ?? ""
                out.append("| [\(step.number)](#step-\(step.number)) | \(step.kind.rawValue) | \(packages) | \(why) |")
            }
            out += ["", "Steps are cumulative: each assumes the ones before it are applied. "
                + "`pinaudit plan --apply security|patch|minor|major` applies every step up to that kind; "
                + "`--only PKG` restricts it to the steps touching PKG (and the steps they need).", ""]
        }
        for step in plan.steps { out += stepSection(step) }
        if !plan.blocked.isEmpty {
            out += ["## Blocked", "", "| Package | From | Wanted | Kind | Blocked by | Requirement | Why |", "|---|---|---|---|---|---|---|"]
            for b in plan.blocked {
                out.append("| \(escape(b.package)) | \(escape(b.from)) | \(escape(b.to ?? "—")) | \(b.kind.rawValue) | \(b.blocker.map(code) ?? "") | \(b.requirement.map(code) ?? "") | \(escape(b.reason)) |")
            }
            out.append("")
        }
        if !plan.held.isEmpty {
            out += ["## Held back", "", "| Package | Current | Latest | Cause | Why |", "|---|---|---|---|---|"]
            for h in plan.held {
                out.append("| \(escape(h.package)) | \(escape(h.current)) | \(escape(h.latest)) | \(h.cause.rawValue) | \(escape(h.reason)) |")
            }
            out.append("")
        }
        if !plan.skipped.isEmpty {
            out += ["## Skipped", ""]
            out += plan.skipped.map { "- " + escape($0.reason) }
            out.append("")
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    static func stepSection(_ step: PlanStep) -> [String] {
        let title = step.moves.first.map(moveText) ?? step.package
        var out = ["<a id=\"step-\(step.number)\"></a>", "## Step \(step.number) — \(step.kind.rawValue): \(escape(title))", ""]
        out += ["| Package | From | To | Kind | Released | Links |", "|---|---|---|---|---|---|"]
        for move in step.moves {
            let released = [move.fromReleased?.description ?? "?", move.toReleased?.description ?? "?"]
            let dates = move.from == nil ? released[1] : "\(released[0]) → \(released[1])"
            let kind = move.kind?.rawValue ?? "added"
            let link = OutputSanitizer.webLink(move.link).map { MarkdownFormatter.link(linkLabel($0), $0) } ?? ""
            out.append("| \(escape(move.displayName)) | \(escape(move.from ?? "—")) | \(escape(move.to)) | \(kind) | \(dates) | \(link) |")
        }
        out.append("")
        for move in step.moves {
            let reasons = move.reasons.map(reasonMarkdown)
            if !reasons.isEmpty { out.append("- **\(escape(move.displayName))**: " + reasons.joined(separator: "; ")) }
            if !move.locations.isEmpty { out.append("  - pinned in " + move.locations.map { code($0.description) }.joined(separator: ", ")) }
        }
        for note in step.notes { out.append("- **Note:** " + escape(note)) }
        if !step.dependsOn.isEmpty {
            out.append("- **Needs:** " + step.dependsOn.map { "[step \($0)](#step-\($0))" }.joined(separator: ", "))
        }
        out.append("")
        return out
    }

    static func reasonMarkdown(_ reason: PlanReason) -> String {
        switch reason {
        case .vulnerability(let id, let aliases, let summary, let link):
            var s = "fixes " + (link.map { MarkdownFormatter.link(id, $0) } ?? escape(id))
            let others = aliases.filter { $0 != id }
            if !others.isEmpty { s += " (" + others.map(escape).joined(separator: ", ") + ")" }
            if let summary, !summary.isEmpty { s += ": " + escape(PlanReason.condensed(summary)) }
            return s
        case .requiredBy(let package, let version, let requirement):
            return "required by \(escape(package))==\(escape(version)) (\(code(requirement)))"
        default:
            return escape(reason.text)
        }
    }

    static func linkLabel(_ url: String) -> String {
        let lower = url.lowercased()
        return ["change", "history", "release", "news"].contains { lower.contains($0) } ? "changelog" : "project"
    }

    static func escape(_ text: String) -> String { MarkdownFormatter.escape(text) }
    static func code(_ text: String) -> String { MarkdownFormatter.code(text) }
}
