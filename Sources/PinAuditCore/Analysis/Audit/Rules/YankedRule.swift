/// `yanked`: The pinned version is yanked on the index.
extension RuleDescriptor {
    public static let yanked = RuleDescriptor(
        rule: .yanked,
        defaultSeverity: .error,
        summary: "The pinned version is yanked on the index.",
        help: "Move the pin to the replacement the message names (`pinaudit plan --apply security` does), or to another release that is not yanked.")
}
