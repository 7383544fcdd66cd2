/// The table of every rule that the README shows: generated from `RuleRegistry`, so the documentation
/// cannot drift from the code (a test compares the README's copy with this).
public enum RuleTable {
    /// The default severity as a reader needs it, with the rules whose severity depends on the case.
    public static func severityText(_ rule: Rule) -> String {
        let descriptor = rule.descriptor
        return descriptor.severityText ?? descriptor.defaultSeverity.rawValue
    }

    /// The Markdown table, one row per rule in `RuleRegistry` order.
    public static func markdown() -> String {
        var lines = ["| rule | default severity | meaning |", "| --- | --- | --- |"]
        for descriptor in RuleRegistry.descriptors {
            lines.append("| `\(descriptor.id)` | \(severityText(descriptor.rule)) | \(descriptor.summary) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The markers around the generated table in a Markdown file.
    public static let beginMarker = "<!-- rules table: generated from Rule (swift test regenerates it with PINAUDIT_RECORD_DOCS=1) -->"
    public static let endMarker = "<!-- end of rules table -->"

    /// `document` with the text between the markers replaced by the current table; nil when the markers are missing.
    public static func updating(_ document: String) -> String? {
        guard let begin = document.range(of: beginMarker + "\n"),
              let end = document.range(of: endMarker, range: begin.upperBound..<document.endIndex) else { return nil }
        return String(document[..<begin.upperBound]) + markdown() + String(document[end.lowerBound...])
    }
}
