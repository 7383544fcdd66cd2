/// `vulnerable`: The pinned version has a known vulnerability.
extension RuleDescriptor {
    public static let vulnerable = RuleDescriptor(
        rule: .vulnerable,
        defaultSeverity: .error,
        severityText: "error (note below `vuln-fail-on`)",
        summary: "The pinned version has a known vulnerability.",
        help: "Upgrade to the fixing version the message names (`pinaudit plan --apply security`), or ignore the advisory with a reason and an `until` date when it does not apply.")
}
