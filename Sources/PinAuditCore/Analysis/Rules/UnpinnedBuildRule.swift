/// `unpinned-build`: A build requirement (`[build-system] requires`) is not pinned with `==`, so builds from source can differ.
extension RuleDescriptor {
    public static let unpinnedBuild = RuleDescriptor(
        rule: .unpinnedBuild,
        defaultSeverity: .warning,
        summary: "A build requirement (`[build-system] requires`) is not pinned with `==`, so builds from source can differ.",
        help: "Pin the build requirements with `==` in `[build-system] requires`, or list them under `allow-unpinned` when the build backend may float.")
}
