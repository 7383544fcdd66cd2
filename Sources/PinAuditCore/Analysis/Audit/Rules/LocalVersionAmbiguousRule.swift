/// `local-version`: The index serves local builds of the pinned version; which one installs depends on the index.
extension RuleDescriptor {
    public static let localVersionAmbiguous = RuleDescriptor(
        rule: .localVersionAmbiguous,
        defaultSeverity: .warning,
        summary: "The index serves local builds of the pinned version; which one installs depends on the index.",
        help: "Pin the local build you mean (`==1.0+cpu`), or use an index that serves one build of the version.")
}
