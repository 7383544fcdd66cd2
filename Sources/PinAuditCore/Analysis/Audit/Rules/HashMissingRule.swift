/// `hash-missing`: Hash-checking mode is on (any requirement has a `--hash`, a file says `--require-hashes`, or `audit --require-hashes`) but a requirement carries no `--hash`.
extension RuleDescriptor {
    public static let hashMissing = RuleDescriptor(
        rule: .hashMissing,
        defaultSeverity: .error,
        summary: "Hash-checking mode is on (any requirement has a `--hash`, a file says `--require-hashes`, or `audit --require-hashes`) but a requirement carries no `--hash`.",
        help: "Add `--hash` values to every pinned requirement (`pip-compile --generate-hashes`), or turn hash-checking mode off where it was turned on by accident.")
}
