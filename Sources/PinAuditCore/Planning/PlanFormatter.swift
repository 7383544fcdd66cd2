/// Renders a `Plan`: `text` for terminals, `markdown` for an update-report issue, `json` for
/// machines (`PlanFormatter+JSON.swift`). Pure functions of the plan. Text from files and the
/// index goes through `OutputSanitizer` for each format.
public enum PlanFormatter {
    /// Plain text: one block per step, then blocked, held and skipped packages. Every line passes
    /// through `OutputSanitizer.terminal`, so index text stays on its line and shows its controls.
    public static func text(_ plan: Plan) -> String {
        var out: [String] = [summaryLine(plan)]
        if !plan.targets.isEmpty { out.append("Targets: " + plan.targets.joined(separator: ", ")) }
        out.append("")
        for step in plan.steps {
            out.append("Step \(step.number) (\(step.kind.rawValue)): \(step.moves.map(moveText).joined(separator: ", "))")
            for move in step.moves {
                let dates = [move.fromReleased.map { "from \($0)" }, move.toReleased.map { "to \($0)" }].compactMap { $0 }
                var line = "  \(move.displayName): " + move.reasons.map(\.text).joined(separator: "; ")
                if !dates.isEmpty { line += " [released " + dates.joined(separator: ", ") + "]" }
                out.append(line)
                if let link = OutputSanitizer.webLink(move.link) { out.append("    \(link)") }
                if !move.locations.isEmpty { out.append("    in " + move.locations.map(\.description).joined(separator: ", ")) }
            }
            for note in step.notes { out.append("  note: \(note)") }
            if !step.dependsOn.isEmpty { out.append("  needs step" + (step.dependsOn.count == 1 ? " " : "s ") + step.dependsOn.map(String.init).joined(separator: ", ")) }
        }
        if plan.steps.isEmpty { out.append("Nothing to update.") }
        if !plan.blocked.isEmpty {
            out += ["", "Blocked:"]
            out += plan.blocked.map { "  \($0.reason)" }
        }
        if !plan.held.isEmpty {
            out += ["", "Held back:"]
            out += plan.held.map { "  \($0.reason)" }
        }
        if !plan.skipped.isEmpty {
            out += ["", "Skipped (the plan is incomplete):"]
            out += plan.skipped.map { "  \($0.reason)" }
        }
        out += ["", "Fingerprint: \(plan.fingerprint)"]
        return out.map(OutputSanitizer.terminal).joined(separator: "\n") + "\n"
    }

    /// `1 step: 1 security. 1 blocked, 2 held back.`
    static func summaryLine(_ plan: Plan) -> String {
        let counts = StepKind.allCases.compactMap { kind -> String? in
            let n = plan.steps.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(n) \(kind.rawValue)"
        }
        var line = plural(plan.steps.count, "step")
        line += counts.isEmpty ? "." : ": " + counts.joined(separator: ", ") + "."
        var rest: [String] = []
        if !plan.blocked.isEmpty { rest.append("\(plan.blocked.count) blocked") }
        if !plan.held.isEmpty { rest.append("\(plan.held.count) held back") }
        if !plan.skipped.isEmpty { rest.append("\(plan.skipped.count) skipped") }
        if !rest.isEmpty { line += " " + rest.joined(separator: ", ") + "." }
        return line
    }

    static func moveText(_ move: PackageMove) -> String {
        if let from = move.from { return "\(move.displayName) \(from) → \(move.to)" }
        return "\(move.displayName) \(move.to) (added)"
    }

    static func plural(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
