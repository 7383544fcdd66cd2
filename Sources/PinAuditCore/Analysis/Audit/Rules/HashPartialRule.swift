/// `hash-partial`: The hashes cover only some of the files the index publishes for the version.
extension RuleDescriptor {
    public static let hashPartial = RuleDescriptor(
        rule: .hashPartial,
        defaultSeverity: .note,
        summary: "The hashes cover only some of the files the index publishes for the version.",
        help: "Regenerate the hashes so every file of the release is covered, or accept that pip can install only the covered files.")
}
