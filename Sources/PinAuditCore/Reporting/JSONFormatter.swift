/// The machine-readable report (`--format json`), `schema_version` 1. The README documents the schema.
/// Strings keep the index's and the files' text exactly, with control and bidi characters as JSON
/// escapes (`OutputSanitizer.jsonDocument`); a link that is not a web link is null.
public enum JSONFormatter {
    public static let schemaVersion = 1

    public static func format(_ report: Report) -> String {
        var top: [(String, JSONValue)] = [
            ("schema_version", .int(schemaVersion)),
            ("tool", .object([("name", .string("pinaudit")), ("version", .string(PinAuditVersion.current))])),
            ("command", .string(report.command)),
            ("files", .strings(report.files)),
            ("targets", .strings(report.targets)),
            ("requirements", .array(report.requirements.map(requirement))),
        ]
        if let packages = report.packages {
            // An audit gives every package its audit fields (null where the index had no answer).
            let audited = report.command == "audit"
            top.append(("packages", .array(packages.map { package($0, auditFields: audited) })))
        }
        top.append(("findings", .array(report.findings.map(finding))))
        top.append(("notes", .strings(report.notes)))
        top.append(("incomplete", .bool(report.incomplete)))
        top.append(("summary", .object([
            ("error", .int(report.count(.error))),
            ("warning", .int(report.count(.warning))),
            ("note", .int(report.count(.note))),
        ])))
        return OutputSanitizer.jsonDocument(JSONValue.object(top).rendered()) + "\n"
    }

    static func requirement(_ e: RequirementEntry) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("name", .optional(e.name)),
            ("canonical_name", .optional(e.canonicalName)),
            ("specifier", .string(e.specifier.description)),
            ("pinned_version", .optional(PinningAnalysis.exactVersion(e))),
            ("extras", .strings(e.extras)),
            ("marker", .optional(e.marker?.description)),
            ("hashes", .strings(e.hashes)),
            ("file", .string(e.location.file)),
            ("line", .int(e.location.line)),
            ("editable", .bool(e.editable)),
            ("constraint", .bool(e.isConstraint)),
            ("url", .optional(e.url)),
            ("origin", .string(e.origin.rawValue)),
        ]
        // Declared dependencies (pyproject.toml, Pipfile) say which list declares them and which lock pins them.
        if let list = e.declaredIn {
            pairs.append(("declared_in", .string(list)))
            pairs.append(("locked_by", .optional(e.lockedBy)))
        }
        return .object(pairs)
    }

    static func package(_ p: PackageReport, auditFields: Bool = false) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("name", .string(p.name)),
            ("version", .optional(p.version)),
            ("direct", .bool(p.direct)),
            ("required_by", .strings(p.requiredBy)),
        ]
        if let location = p.location {
            pairs.append(("file", .string(location.file)))
            pairs.append(("line", .int(location.line)))
        }
        if auditFields || p.latest != nil || p.yanked != nil || p.vulnerabilities != nil {
            pairs += [
                ("latest", .optional(p.latest)),
                ("latest_minor", .optional(p.latestMinor)),
                ("latest_patch", .optional(p.latestPatch)),
                ("yanked", p.yanked.map(JSONValue.bool) ?? .null),
                ("yanked_reason", .optional(p.yankedReason)),
                ("vulnerabilities", p.vulnerabilities.map { .array($0.map(vulnerability)) } ?? .null),
                ("released", .optional(p.released)),
                ("latest_released", .optional(p.latestReleased)),
                ("requires_python", .optional(p.requiresPython)),
            ]
        }
        return .object(pairs)
    }

    static func vulnerability(_ v: Vulnerability) -> JSONValue {
        .object([
            ("id", .string(v.id)),
            ("aliases", .strings(v.aliases)),
            ("fixed_in", .strings(v.fixedIn)),
            ("summary", .optional(v.summary)),
            ("link", .optional(OutputSanitizer.webLink(v.link))),
            ("source", .string(v.source)),
            ("severity", .optional(v.severity?.level.rawValue)),
            ("score", v.severity?.score.map { .decimal($0.description) } ?? .null),
            ("vector", .optional(v.severity?.vector)),
        ])
    }

    static func finding(_ f: Finding) -> JSONValue {
        .object([
            ("rule", .string(f.rule.rawValue)),
            ("severity", .string(f.severity.rawValue)),
            ("package", .optional(f.package)),
            ("file", .optional(f.location?.file)),
            ("line", f.location.map { .int($0.line) } ?? .null),
            ("message", .string(f.message)),
        ])
    }
}

/// The version pinaudit reports about itself (User-Agent, JSON, SARIF).
public enum PinAuditVersion {
    public static let current = "0.1.0"
}
