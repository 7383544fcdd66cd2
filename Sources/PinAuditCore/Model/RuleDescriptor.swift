/// What pinaudit says about one rule: its id, its default severity, one sentence for `--help`,
/// SARIF and the README, and what to do about a finding. Each lives in its own file beside the
/// code that reports it (`Analysis/Audit/Rules/YankedRule.swift`); `RuleRegistry` lists them all.
public struct RuleDescriptor: Sendable, Hashable {
    public var rule: Rule
    public var defaultSeverity: Severity
    /// The default severity as the README's table gives it, for rules whose severity depends on the
    /// case (`outdated`: by update level); nil: the default severity's name.
    public var severityText: String?
    public var summary: String
    /// What to do about a finding of the rule (a sentence or two).
    public var help: String

    public init(rule: Rule, defaultSeverity: Severity, severityText: String? = nil, summary: String, help: String) {
        self.rule = rule; self.defaultSeverity = defaultSeverity; self.severityText = severityText
        self.summary = summary; self.help = help
    }

    public var id: String { rule.rawValue }
}
