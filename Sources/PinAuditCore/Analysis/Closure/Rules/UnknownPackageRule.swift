/// `unknown-package`: The index has no project of that name.
extension RuleDescriptor {
    public static let unknownPackage = RuleDescriptor(
        rule: .unknownPackage,
        defaultSeverity: .error,
        summary: "The index has no project of that name.",
        help: "Check the spelling, or the index the package lives on (`--index-url`, `--extra-index-url`): the index asked has no project of that name.")
}
