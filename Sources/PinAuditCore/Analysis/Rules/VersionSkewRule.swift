/// `version-skew`: The same package is pinned at different versions in different files.
extension RuleDescriptor {
    public static let versionSkew = RuleDescriptor(
        rule: .versionSkew,
        defaultSeverity: .warning,
        summary: "The same package is pinned at different versions in different files.",
        help: "Pin the package at one version in every file, or keep the files apart on purpose (a constraints file wins).")
}
