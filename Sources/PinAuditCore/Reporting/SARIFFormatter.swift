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

        var driver: [String: Any] = [
            "name": "pinaudit",
            "rules": usedRules.map { $0.descriptor(ruleDescriptor($0.rule)) },
        ]
        if let toolVersion { driver["version"] = toolVersion }

        let results: [[String: Any]] = report.findings.map { finding in
            let ruleID = SARIFRuleID(finding)
            var result: [String: Any] = [
                "ruleId": ruleID.id,
                "ruleIndex": ruleIndex[ruleID] ?? 0,
                "level": level(finding.severity),
                "message": ["text": OutputSanitizer.sarifText(finding.message)],
            ]
            if let location = location(of: finding, files: report.files) { result["locations"] = [location] }
            var properties: [String: Any] = [:]
            if let package = finding.package { properties["package"] = OutputSanitizer.sarifText(package) }
            if let severity = finding.vulnerability?.severity { properties["security-severity"] = severity.securitySeverity.description }
            if !properties.isEmpty { result["properties"] = properties }
            return result
        }

        var run: [String: Any] = [
            "tool": ["driver": driver],
            "results": results,
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": ["%SRCROOT%": ["description": ["text": "The directory pinaudit ran in."]]],
        ]
        if report.incomplete || !report.notes.isEmpty {
            var notifications: [[String: Any]] = report.notes.map { ["level": "note", "message": ["text": OutputSanitizer.sarifText($0)]] }
            if report.incomplete {
                notifications.append(["level": "warning",
                                      "message": ["text": "The index could not answer for every package; the result is incomplete."]])
            }
            run["invocations"] = [["executionSuccessful": true, "toolExecutionNotifications": notifications]]
        }

        let document: [String: Any] = ["$schema": schemaURI, "version": "2.1.0", "runs": [run]]
        let data = (try? JSONSerialization.data(withJSONObject: document,
                                                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return OutputSanitizer.jsonDocument(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// SARIF's levels have the same names as pinaudit's severities.
    static func level(_ severity: Severity) -> String { severity.rawValue }

    static func ruleDescriptor(_ rule: Rule) -> [String: Any] {
        [
            "id": rule.rawValue,
            "name": ruleName(rule),
            "shortDescription": ["text": rule.summary],
            "defaultConfiguration": ["level": level(rule.defaultSeverity)],
        ]
    }

    /// `hash-mismatch` → `HashMismatch` (SARIF's `name` is an identifier-like label).
    static func ruleName(_ rule: Rule) -> String {
        rule.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The finding's file and line; a finding without one points at the first file read (no region).
    static func location(of finding: Finding, files: [String]) -> [String: Any]? {
        let file: String
        var region: [String: Any]?
        if let location = finding.location {
            file = location.file
            if location.line >= 1 { region = ["startLine": location.line] }
        } else if let first = files.first {
            file = first
        } else {
            return nil
        }
        var physical: [String: Any] = ["artifactLocation": artifactLocation(file)]
        if let region { physical["region"] = region }
        return ["physicalLocation": physical]
    }

    /// A relative path against `%SRCROOT%`; an absolute one as a `file://` URI.
    static func artifactLocation(_ path: String) -> [String: Any] {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#[]@")
        if path.hasPrefix("/") {
            return ["uri": "file://" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path)]
        }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        return ["uri": String(relative).addingPercentEncoding(withAllowedCharacters: allowed) ?? String(relative),
                "uriBaseId": "%SRCROOT%"]
    }
}
