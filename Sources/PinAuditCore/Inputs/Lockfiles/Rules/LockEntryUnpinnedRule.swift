/// `lock-unpinned`: A lockfile entry has no exact version.
extension RuleDescriptor {
    public static let lockEntryUnpinned = RuleDescriptor(
        rule: .lockEntryUnpinned,
        defaultSeverity: .error,
        summary: "A lockfile entry has no exact version.",
        help: "Re-lock with the lockfile's tool so that every entry records one exact version.")
}
