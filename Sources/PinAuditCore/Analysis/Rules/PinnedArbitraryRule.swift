/// `pinned-arbitrary`: A requirement is pinned with `===` (arbitrary equality), which skips PEP 440 comparison.
extension RuleDescriptor {
    public static let pinnedArbitrary = RuleDescriptor(
        rule: .pinnedArbitrary,
        defaultSeverity: .warning,
        summary: "A requirement is pinned with `===` (arbitrary equality), which skips PEP 440 comparison.",
        help: "Use `==` with the same version unless the version is not PEP 440: `===` compares text, so `1.0` and `1.0.0` differ and pre-release rules do not apply.")
}
