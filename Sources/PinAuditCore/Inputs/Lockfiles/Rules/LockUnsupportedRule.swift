/// `lock-unsupported`: A lockfile's format version is not supported.
extension RuleDescriptor {
    public static let lockUnsupported = RuleDescriptor(
        rule: .lockUnsupported,
        defaultSeverity: .error,
        summary: "A lockfile's format version is not supported.",
        help: "Upgrade pinaudit, or lock with a format version pinaudit reads (the message names them).")
}
