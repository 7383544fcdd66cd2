/// `index-error`: The index could not be asked about a package; the result is incomplete.
extension RuleDescriptor {
    public static let indexError = RuleDescriptor(
        rule: .indexError,
        defaultSeverity: .error,
        summary: "The index could not be asked about a package; the result is incomplete.",
        help: "Run again later, or with `--offline` from the cache; the message says which package or service could not be asked and why.")
}
