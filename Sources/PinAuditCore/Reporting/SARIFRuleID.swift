/// The SARIF rule a finding is reported under. Code scanning ranks alerts by the
/// `security-severity` of their rule (a string holding a score from 0.0 to 10.0), not of the
/// result, so a `vulnerable` finding whose vulnerability has a severity gets a sub-rule of its own,
/// `vulnerable/<id>` (SARIF §3.27.5: a hierarchical rule id, a child of `vulnerable`), carrying
/// that severity and the `security` tag. Every other finding uses its rule's id.
struct SARIFRuleID: Hashable {
    var rule: Rule
    /// The vulnerability of a `vulnerable/<id>` sub-rule.
    var vulnerabilityID: String?
    var securitySeverity: CVSSScore?

    init(_ finding: Finding) {
        rule = finding.rule
        if finding.rule == .vulnerable, let vulnerability = finding.vulnerability, let severity = vulnerability.severity {
            vulnerabilityID = vulnerability.id
            securitySeverity = severity.securitySeverity
        }
    }

    /// The advisory id comes from the index or OSV: made safe as any other SARIF text.
    var id: String { vulnerabilityID.map { "\(rule.rawValue)/\(OutputSanitizer.sarifText($0))" } ?? rule.rawValue }

    /// The rules of `findings`, each once: in `Rule` order, a rule's sub-rules after it by id.
    /// A vulnerability reported with two severities (from two sources) keeps the highest.
    static func used(by findings: [Finding]) -> [SARIFRuleID] {
        var byID: [String: SARIFRuleID] = [:]
        for finding in findings {
            let ruleID = SARIFRuleID(finding)
            if let known = byID[ruleID.id], (known.securitySeverity ?? CVSSScore(tenths: 0)) >= (ruleID.securitySeverity ?? CVSSScore(tenths: 0)) { continue }
            byID[ruleID.id] = ruleID
        }
        let order = Dictionary(uniqueKeysWithValues: Rule.allCases.enumerated().map { ($1, $0) })
        return byID.values.sorted { a, b in
            if a.rule != b.rule { return order[a.rule]! < order[b.rule]! }
            return (a.vulnerabilityID ?? "") < (b.vulnerabilityID ?? "")
        }
    }

    /// `base` (the rule's descriptor) adapted to this id: a sub-rule names its vulnerability and
    /// carries `security-severity` and the `security` tag.
    func descriptor(_ base: JSONObject) -> JSONValue {
        var descriptor = base
        if let vulnerabilityID, let securitySeverity {
            descriptor.set("id", .string(id))
            descriptor.set("shortDescription", .object([("text", .string("\(rule.summary) (\(OutputSanitizer.sarifText(vulnerabilityID)))"))]))
            descriptor.set("properties", .object([("security-severity", .string(securitySeverity.description)),
                                                  ("tags", .strings(["security"]))]))
        }
        return .object(descriptor)
    }
}
