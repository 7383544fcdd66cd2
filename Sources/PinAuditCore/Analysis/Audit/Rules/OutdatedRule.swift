/// `outdated`: A newer release is available.
extension RuleDescriptor {
    public static let outdated = RuleDescriptor(
        rule: .outdated,
        defaultSeverity: .note,
        severityText: "note (patch), warning (minor, major)",
        summary: "A newer release is available.",
        help: "Plan the update with `pinaudit plan`; set the severities per level in `outdated` when newer releases should not fail the run.")
}
