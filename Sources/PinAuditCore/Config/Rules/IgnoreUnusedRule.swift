/// `ignore-unused`: An ignore (in the configuration, or `--ignore-vuln`) matched no finding in the run: remove it if it is stale.
extension RuleDescriptor {
    public static let ignoreUnused = RuleDescriptor(
        rule: .ignoreUnused,
        defaultSeverity: .note,
        summary: "An ignore (in the configuration, or `--ignore-vuln`) matched no finding in the run: remove it if it is stale.",
        help: "Remove the ignore when it is stale; one that matched nothing may also be misspelt.")
}
