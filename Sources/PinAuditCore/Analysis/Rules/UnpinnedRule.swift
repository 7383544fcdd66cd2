/// `unpinned`: A requirement is not pinned to one exact version with `==`.
extension RuleDescriptor {
    public static let unpinned = RuleDescriptor(
        rule: .unpinned,
        defaultSeverity: .error,
        summary: "A requirement is not pinned to one exact version with `==`.",
        help: "Pin the requirement with `==` to the version you test with (the message suggests the newest one it allows), or list it under `allow-unpinned` when floating is intended (a local project, an editable).")
}
