/// `unknown-version`: The index never had the pinned version.
extension RuleDescriptor {
    public static let unknownVersion = RuleDescriptor(
        rule: .unknownVersion,
        defaultSeverity: .error,
        summary: "The index never had the pinned version.",
        help: "Pin a version the index publishes; the pinned one never existed there (a typo, or a version only on another index).")
}
