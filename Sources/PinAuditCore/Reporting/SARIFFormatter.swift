import Foundation

/// SARIF 2.1.0 (`--format sarif`), for code-scanning dashboards: one run, one rule entry per rule
/// id used, one result per finding. Keys are sorted, so the same report gives the same bytes.
/// Texts from files and the index go through `OutputSanitizer.sarifText`, the document through
/// `OutputSanitizer.jsonDocument`.
public enum SARIFFormatter {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// - Parameter toolVersion: `tool.driver.version` (the command layer passes `PinAuditVersion.current`);
    ///   omitted when nil.
    public static func format(_ report: Report, toolVersion: String? = nil) -> String {
        let usedRules = SARIFRuleID.used(by: report.findings)
        let ruleIndex = Dictionary(uniqueKeysWithValues: usedRules.enumerated().map { ($1, $0) })

        var driver: JSONObject = [
            ("name", .string("pinaudit")),
            ("rules", .array(usedRules.map { $0.descriptor(ruleDescriptor($0.rule)) })),
        ]
        if let toolVersion { driver.append("version", .string(toolVersion)) }

        let results: [JSONValue] = report.findings.map { finding in
            let ruleID = SARIFRuleID(finding)
            var result: JSONObject = [
                ("ruleId", .string(ruleID.id)),
                ("ruleIndex", .int(ruleIndex[ruleID] ?? 0)),
                ("level", .string(level(finding.severity))),
                ("message", .object([("text", .string(OutputSanitizer.sarifText(finding.message)))])),
            ]
            if let location = location(of: finding, files: report.files) { result.append("locations", .array([location])) }
            var properties: JSONObject = []
            if let package = finding.package { properties.append("package", .string(OutputSanitizer.sarifText(package))) }
            if let severity = finding.vulnerability?.severity {
                properties.append("security-severity", .string(severity.securitySeverity.description))
            }
            if !properties.isEmpty { result.append("properties", .object(properties)) }
            return .object(result)
        }

        var run: JSONObject = [
            ("tool", .object([("driver", .object(driver))])),
            ("results", .array(results)),
            ("columnKind", .string("unicodeCodePoints")),
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([("description", .object([("text", .string("The directory pinaudit ran in."))]))]))])),
        ]
        if report.incomplete || !report.notes.isEmpty {
            var notifications: [JSONValue] = report.notes.map {
                .object([("level", .string("note")), ("message", .object([("text", .string(OutputSanitizer.sarifText($0)))]))])
            }
            if report.incomplete {
                notifications.append(.object([
                    ("level", .string("warning")),
                    ("message", .object([("text", .string("The index could not answer for every package; the result is incomplete."))])),
                ]))
            }
            run.append("invocations", .array([.object([("executionSuccessful", .bool(true)),
                                                       ("toolExecutionNotifications", .array(notifications))])]))
        }

        let document: JSONValue = .object([("$schema", .string(schemaURI)), ("version", .string("2.1.0")), ("runs", .array([.object(run)]))])
        return OutputSanitizer.jsonDocument(document.rendered(.prettySorted)) + "\n"
    }

    /// SARIF's levels have the same names as pinaudit's severities.
    static func level(_ severity: Severity) -> String { severity.rawValue }

    static func ruleDescriptor(_ rule: Rule) -> JSONObject {
        [
            ("id", .string(rule.rawValue)),
            ("name", .string(ruleName(rule))),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("defaultConfiguration", .object([("level", .string(level(rule.defaultSeverity)))])),
        ]
    }

    /// `hash-mismatch` → `HashMismatch` (SARIF's `name` is an identifier-like label).
    static func ruleName(_ rule: Rule) -> String {
        rule.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The finding's file and line; a finding without one points at the first file read (no region).
    static func location(of finding: Finding, files: [String]) -> JSONValue? {
        let file: String
        var region: JSONValue?
        if let location = finding.location {
            file = location.file
            if location.line >= 1 { region = .object([("startLine", .int(location.line))]) }
        } else if let first = files.first {
            file = first
        } else {
            return nil
        }
        var physical: JSONObject = [("artifactLocation", .object(artifactLocation(file)))]
        if let region { physical.append("region", region) }
        return .object([("physicalLocation", .object(physical))])
    }

    /// A relative path against `%SRCROOT%`; an absolute one as a `file://` URI.
    static func artifactLocation(_ path: String) -> JSONObject {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#[]@")
        if path.hasPrefix("/") {
            return [("uri", .string("file://" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path)))]
        }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        return [("uri", .string(String(relative).addingPercentEncoding(withAllowedCharacters: allowed) ?? String(relative))),
                ("uriBaseId", .string("%SRCROOT%"))]
    }
}
