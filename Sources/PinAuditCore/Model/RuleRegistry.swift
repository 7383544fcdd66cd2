/// Every rule's descriptor, in the order reports and the README list them. Adding a rule is a case
/// of `Rule`, its descriptor file beside the analysis that reports it, and one line here (a test
/// fails while a case has no descriptor).
public enum RuleRegistry {
    public static let descriptors: [RuleDescriptor] = [
        .unpinned,
        .pinnedArbitrary,
        .parseError,
        .includeError,
        .unpinnedTransitive,
        .conflict,
        .unknownPackage,
        .unknownVersion,
        .metadataUnavailable,
        .indexError,
        .dependencyConfusion,
        .yanked,
        .outdated,
        .vulnerable,
        .hashMismatch,
        .hashMissing,
        .hashPartial,
        .hashUnchecked,
        .projectStatus,
        .localVersionAmbiguous,
        .ignoreExpired,
        .maliciousPackage,
        .ignoreUnused,
        .lockEntryUnpinned,
        .lockMissingPackage,
        .lockUnsupported,
        .lockStale,
        .unpinnedBuild,
        .unpinnedImage,
        .imageTagFloating,
        .dockerLayerCaching,
        .dockerRootUser,
        .dockerPrivilegedPort,
        .dockerAlpine,
        .versionSkew,
    ]

    private static let byRule = Dictionary(uniqueKeysWithValues: descriptors.map { ($0.rule, $0) })

    /// The descriptor of `rule`.
    public static func descriptor(for rule: Rule) -> RuleDescriptor {
        guard let descriptor = byRule[rule] else { preconditionFailure("rule \(rule.rawValue) has no descriptor in RuleRegistry") }
        return descriptor
    }
}
