/// `hash-mismatch`: A `--hash` matches no file that the index publishes for the pinned version.
extension RuleDescriptor {
    public static let hashMismatch = RuleDescriptor(
        rule: .hashMismatch,
        defaultSeverity: .error,
        summary: "A `--hash` matches no file that the index publishes for the pinned version.",
        help: "Regenerate the hashes from the index (`pip-compile --generate-hashes`), and find out why a file with that digest was expected.")
}
