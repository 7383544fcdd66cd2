/// `ignore-expired`: An ignore in the configuration has passed its `until` date.
extension RuleDescriptor {
    public static let ignoreExpired = RuleDescriptor(
        rule: .ignoreExpired,
        defaultSeverity: .warning,
        summary: "An ignore in the configuration has passed its `until` date.",
        help: "Look at the ignored finding again: remove the ignore, or extend its `until` date with a reason.")
}
