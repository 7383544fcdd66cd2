/// `unpinned-transitive`: A package needed by a pinned package is not pinned itself.
extension RuleDescriptor {
    public static let unpinnedTransitive = RuleDescriptor(
        rule: .unpinnedTransitive,
        defaultSeverity: .error,
        summary: "A package needed by a pinned package is not pinned itself.",
        help: "Add the package to the requirements (or the lock) pinned with `==`; `pip-compile` or `uv pip compile` write the whole closure for you.")
}
