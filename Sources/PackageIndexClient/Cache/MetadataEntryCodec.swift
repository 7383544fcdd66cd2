import Foundation
import PinAuditCore

/// A version-metadata cache entry (`metadata/<name>@<version>.json`) as compact JSON, through the
/// one JSON reader and writer. The members are those `CacheEntry` has always been written with
/// (`format`, `index`, `fetchedAt`, `etag`, `lastModified`, `immutable`, `value`); absent optional
/// members are left out. Reading is as strict as before: a required member missing or of another
/// type makes the entry unreadable (and the cache drops it).
enum MetadataEntryCodec {
    static func encode(_ entry: CacheEntry<VersionMetadata>) -> Data {
        var members: JSONObject = [
            ("format", .int(entry.format)), ("index", .string(entry.index)), ("fetchedAt", .double(entry.fetchedAt)),
        ]
        if let etag = entry.etag { members.append("etag", .string(etag)) }
        if let lastModified = entry.lastModified { members.append("lastModified", .string(lastModified)) }
        members.append("immutable", .bool(entry.immutable))
        members.append("value", metadata(entry.value))
        return Data(JSONValue.object(members).rendered(.compact).utf8)
    }

    static func decode(_ data: Data) -> CacheEntry<VersionMetadata>? {
        guard let document = try? JSONParser.parse(data), let object = document.object,
              let format = object["format"]?.int, let index = object["index"]?.string,
              let fetchedAt = object["fetchedAt"]?.number, let immutable = object["immutable"]?.bool,
              let etag = optional(object["etag"], \.string), let lastModified = optional(object["lastModified"], \.string),
              let value = object["value"].flatMap(metadata) else { return nil }
        return CacheEntry(format: format, index: index, fetchedAt: fetchedAt, etag: etag, lastModified: lastModified,
                          immutable: immutable, value: value)
    }

    // MARK: - Values

    static func metadata(_ m: VersionMetadata) -> JSONValue {
        var members: JSONObject = [("name", .string(m.name)), ("version", .string(m.version)), ("requiresDist", .strings(m.requiresDist))]
        if let requiresPython = m.requiresPython { members.append("requiresPython", .string(requiresPython)) }
        members.append("providesExtra", .strings(m.providesExtra))
        if let vulnerabilities = m.vulnerabilities { members.append("vulnerabilities", .array(vulnerabilities.map(vulnerability))) }
        return .object(members)
    }

    static func metadata(_ value: JSONValue) -> VersionMetadata? {
        guard let name = value["name"]?.string, let version = value["version"]?.string,
              let requiresDist = strings(value["requiresDist"]), let providesExtra = strings(value["providesExtra"]),
              let requiresPython = optional(value["requiresPython"], \.string),
              let vulnerabilities = optional(value["vulnerabilities"], { $0.array.flatMap { all($0, vulnerability) } })
        else { return nil }
        return VersionMetadata(name: name, version: version, requiresDist: requiresDist, requiresPython: requiresPython,
                               providesExtra: providesExtra, vulnerabilities: vulnerabilities)
    }

    static func vulnerability(_ v: Vulnerability) -> JSONValue {
        var members: JSONObject = [("id", .string(v.id)), ("aliases", .strings(v.aliases)), ("fixedIn", .strings(v.fixedIn))]
        if let summary = v.summary { members.append("summary", .string(summary)) }
        if let link = v.link { members.append("link", .string(link)) }
        members.append("withdrawn", .bool(v.withdrawn))
        members.append("source", .string(v.source))
        if let severity = v.severity {
            var parts: JSONObject = [("level", .string(severity.level.rawValue))]
            if let score = severity.score { parts.append("score", .decimal(score.description)) }
            if let vector = severity.vector { parts.append("vector", .string(vector)) }
            parts.append("source", .string(severity.source.rawValue))
            members.append("severity", .object(parts))
        }
        if let malicious = v.malicious { members.append("malicious", .bool(malicious)) }
        return .object(members)
    }

    static func vulnerability(_ value: JSONValue) -> Vulnerability? {
        guard let id = value["id"]?.string, let aliases = strings(value["aliases"]), let fixedIn = strings(value["fixedIn"]),
              let summary = optional(value["summary"], \.string), let link = optional(value["link"], \.string),
              let withdrawn = value["withdrawn"]?.bool, let source = value["source"]?.string,
              let severity = optional(value["severity"], severity), let malicious = optional(value["malicious"], \.bool)
        else { return nil }
        return Vulnerability(id: id, aliases: aliases, fixedIn: fixedIn, summary: summary, link: link, withdrawn: withdrawn,
                             source: source, severity: severity, malicious: malicious)
    }

    static func severity(_ value: JSONValue) -> VulnerabilitySeverity? {
        guard let level = value["level"]?.string.flatMap(SeverityLevel.init(rawValue:)),
              let source = value["source"]?.string.flatMap(VulnerabilitySeverity.Source.init(rawValue:)),
              let score = optional(value["score"], { $0.number.map { CVSSScore(tenths: Int(($0 * 10).rounded())) } }),
              let vector = optional(value["vector"], \.string) else { return nil }
        return VulnerabilitySeverity(level: level, score: score, vector: vector, source: source)
    }

    // MARK: - Reading helpers

    /// `.some(nil)` for a missing or null member, `.some(value)` for one `read` accepts, nil otherwise.
    private static func optional<T>(_ value: JSONValue?, _ read: (JSONValue) -> T?) -> T?? {
        guard let value, !value.isNull else { return .some(nil) }
        return read(value).map { .some($0) }
    }

    /// Every element read, or nil when one is not accepted.
    private static func all<T>(_ values: [JSONValue], _ read: (JSONValue) -> T?) -> [T]? {
        var result: [T] = []
        result.reserveCapacity(values.count)
        for value in values {
            guard let element = read(value) else { return nil }
            result.append(element)
        }
        return result
    }

    private static func strings(_ value: JSONValue?) -> [String]? {
        value?.array.flatMap { all($0, \.string) }
    }
}
