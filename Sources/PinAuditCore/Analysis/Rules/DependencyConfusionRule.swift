/// `dependency-confusion`: A package exists on more than one configured index.
extension RuleDescriptor {
    public static let dependencyConfusion = RuleDescriptor(
        rule: .dependencyConfusion,
        defaultSeverity: .warning,
        summary: "A package exists on more than one configured index.",
        help: "Use a single index, or make sure the package on the public index is the one you mean: pip installs from whichever index offers the best version.")
}
