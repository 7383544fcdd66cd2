import Foundation
import PinAuditCore

/// Reads an OSV JSON document into an `OSVAdvisory` (PyPI entries and ECOSYSTEM ranges only), and
/// writes the compact form the database index stores.
enum OSVAdvisoryDecoder {
    /// The advisory of one OSV document; throws when it is not JSON or has no `id`.
    static func advisory(_ bytes: [UInt8], source: String) throws -> OSVAdvisory {
        let document: JSONValue
        do { document = try JSONParser.parse(Data(bytes)) } catch { throw OSVDatabaseError("\(source) is not valid JSON (\(error))") }
        guard let id = document["id"]?.nonEmptyString else { throw OSVDatabaseError("\(source) has no \"id\": it is not an OSV advisory") }
        var summary = document["summary"]?.nonEmptyString
        if summary == nil, let details = document["details"]?.nonEmptyString {
            summary = details.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let references = document["references"]?.array ?? []
        let preferred = references.first { ["ADVISORY", "WEB"].contains($0["type"]?.string ?? "") }
        let databaseSpecific = document["database_specific"]
        let malicious = databaseSpecific?["malicious-packages-origins"] != nil
        var affected: [OSVAffectedPackage] = []
        for entry in document["affected"]?.array ?? [] {
            guard entry["package"]?["ecosystem"]?.string == "PyPI", let name = entry["package"]?["name"]?.nonEmptyString else { continue }
            let ranges = (entry["ranges"]?.array ?? []).filter { $0["type"]?.string == "ECOSYSTEM" }.map { range in
                (range["events"]?.array ?? []).compactMap(event)
            }
            affected.append(OSVAffectedPackage(package: name, versions: entry["versions"]?.strings ?? [], ranges: ranges))
        }
        let severity = (document["severity"]?.array ?? []).compactMap { entry -> OSVSeverityEntry? in
            guard let type = entry["type"]?.nonEmptyString, let score = entry["score"]?.nonEmptyString else { return nil }
            return OSVSeverityEntry(type: type, score: score)
        }
        return OSVAdvisory(id: id, aliases: document["aliases"]?.strings ?? [], summary: summary,
                           link: (preferred ?? references.first)?["url"]?.nonEmptyString, modified: document["modified"]?.nonEmptyString,
                           withdrawn: document["withdrawn"]?.nonEmptyString, malicious: malicious, affected: affected,
                           severity: severity, databaseSeverity: databaseSpecific?["severity"]?.nonEmptyString)
    }

    private static func event(_ value: JSONValue) -> OSVRangeEvent? {
        if let v = value["introduced"]?.string { return .introduced(v) }
        if let v = value["fixed"]?.string { return .fixed(v) }
        if let v = value["last_affected"]?.string { return .lastAffected(v) }
        if let v = value["limit"]?.string { return .limit(v) }
        return nil
    }

    // MARK: - The index's compact form

    /// `advisory` as the index stores it for one package: only that package's entries.
    static func compact(_ advisory: OSVAdvisory, package: String) -> PinAuditCore.JSONValue {
        let entries = advisory.affected.filter { $0.package == package }.map { entry -> PinAuditCore.JSONValue in
            .object([
                ("v", .strings(entry.versionKeys.sorted())),
                ("r", .array(entry.ranges.map { range in .array(range.map { event in .strings([kind(event), event.version]) }) })),
            ])
        }
        return .object([
            ("id", .string(advisory.id)), ("aliases", .strings(advisory.aliases)), ("summary", .optional(advisory.summary)),
            ("link", .optional(advisory.link)), ("modified", .optional(advisory.modified)), ("malicious", .bool(advisory.malicious)),
            ("severity", .array(advisory.severity.map { .object([("type", .string($0.type)), ("score", .string($0.score))]) })),
            ("db_severity", .optional(advisory.databaseSeverity)), ("affected", .array(entries)),
        ])
    }

    /// The advisories of one package back from the index's compact form.
    static func fromCompact(_ value: JSONValue, package: String) -> OSVAdvisory? {
        guard let id = value["id"]?.nonEmptyString else { return nil }
        let affected = (value["affected"]?.array ?? []).map { entry in
            OSVAffectedPackage(package: package, versionKeys: Set(entry["v"]?.strings ?? []), ranges: (entry["r"]?.array ?? []).map { range in
                (range.array ?? []).compactMap { pair -> OSVRangeEvent? in
                    let parts = pair.strings
                    guard parts.count == 2 else { return nil }
                    switch parts[0] {
                    case "i": return .introduced(parts[1])
                    case "f": return .fixed(parts[1])
                    case "a": return .lastAffected(parts[1])
                    case "l": return .limit(parts[1])
                    default: return nil
                    }
                }
            })
        }
        let severity = (value["severity"]?.array ?? []).compactMap { entry -> OSVSeverityEntry? in
            guard let type = entry["type"]?.string, let score = entry["score"]?.string else { return nil }
            return OSVSeverityEntry(type: type, score: score)
        }
        return OSVAdvisory(id: id, aliases: value["aliases"]?.strings ?? [], summary: value["summary"]?.nonEmptyString,
                           link: value["link"]?.nonEmptyString, modified: value["modified"]?.nonEmptyString,
                           malicious: value["malicious"]?.bool ?? false, affected: affected, severity: severity,
                           databaseSeverity: value["db_severity"]?.nonEmptyString)
    }

    private static func kind(_ event: OSVRangeEvent) -> String {
        switch event {
        case .introduced: "i"
        case .fixed: "f"
        case .lastAffected: "a"
        case .limit: "l"
        }
    }
}

/// A local OSV database that cannot be read or built.
public struct OSVDatabaseError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
