/// `docs/rules.md`: every rule with its severity, its summary and what to do about it, generated
/// from `RuleRegistry` (a test fails when the committed file is stale; `PINAUDIT_RECORD_DOCS=1`
/// rewrites it).
public enum RuleReference {
    public static func markdown() -> String {
        var out = """
            # Rules

            <!-- generated from RuleRegistry: swift test regenerates it with PINAUDIT_RECORD_DOCS=1; do not edit by hand -->

            Every rule pinaudit reports, in the order of the README's table. Severities can be changed
            per rule in the configuration (`[severity]`, see [configuration.md](configuration.md)).

            """
        for descriptor in RuleRegistry.descriptors {
            out += "\n## `\(descriptor.id)`\n\n"
            out += "Default severity: \(RuleTable.severityText(descriptor.rule)).\n\n"
            out += descriptor.summary + "\n\n"
            out += "What to do: " + descriptor.help + "\n"
        }
        return out
    }
}
