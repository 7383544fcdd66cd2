/// `hash-unchecked`: A `--hash` uses an algorithm the index publishes no digests for (sha384, sha512), so it cannot be checked against the index.
extension RuleDescriptor {
    public static let hashUnchecked = RuleDescriptor(
        rule: .hashUnchecked,
        defaultSeverity: .note,
        summary: "A `--hash` uses an algorithm the index publishes no digests for (sha384, sha512), so it cannot be checked against the index.",
        help: "Add a `sha256` hash beside the other one, so the pin can be checked against the digests the index publishes.")
}
