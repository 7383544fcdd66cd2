/// `metadata-unavailable`: The index publishes no dependency metadata for the pinned version.
extension RuleDescriptor {
    public static let metadataUnavailable = RuleDescriptor(
        rule: .metadataUnavailable,
        defaultSeverity: .warning,
        summary: "The index publishes no dependency metadata for the pinned version.",
        help: "The closure below this package is not checked; pin its dependencies yourself, or ask the project to publish wheels with metadata.")
}
