/// `lock-missing-package`: A package required in a lockfile's graph is not locked.
extension RuleDescriptor {
    public static let lockMissingPackage = RuleDescriptor(
        rule: .lockMissingPackage,
        defaultSeverity: .error,
        summary: "A package required in a lockfile's graph is not locked.",
        help: "Re-lock with the lockfile's tool: the lock's graph names a package it does not lock.")
}
