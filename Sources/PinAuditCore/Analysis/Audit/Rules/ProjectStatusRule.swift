/// `project-status`: The project is archived, deprecated or quarantined on the index (PEP 792).
extension RuleDescriptor {
    public static let projectStatus = RuleDescriptor(
        rule: .projectStatus,
        defaultSeverity: .warning,
        severityText: "warning (error when quarantined)",
        summary: "The project is archived, deprecated or quarantined on the index (PEP 792).",
        help: "Find a maintained replacement for an archived or deprecated project; remove a quarantined one at once.")
}
