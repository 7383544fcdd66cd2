/// `parse-error`: A line cannot be read as pip would read it.
extension RuleDescriptor {
    public static let parseError = RuleDescriptor(
        rule: .parseError,
        defaultSeverity: .error,
        summary: "A line cannot be read as pip would read it.",
        help: "Fix the line the message names: pinaudit reads it as pip (or the lockfile's tool) would, and shows where reading stopped.")
}
