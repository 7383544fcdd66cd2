import Foundation
import PinAuditCore

/// Turns PyPI JSON API documents (`/<name>/json`, `/<name>/<version>/json`) into index facts.
/// Only the fields pinaudit uses are read.
enum JSONAPIDecoder {
    /// A project document → ProjectFacts, releases in the document's order. Relative file URLs
    /// (some mirrors give `../../packages/...`) resolve against `documentURL`, the URL the
    /// document was served from (RFC 3986, section 5).
    ///
    /// Read as a stream: `releases` (nearly all of a 10 MB document) is turned into release facts
    /// one file object at a time, so the document is never held as a tree of values.
    static func project(_ data: Data, name fallbackName: String = "", pageURL: String? = nil,
                        documentURL: String? = nil) throws -> ProjectFacts {
        let resolver = FileURLResolver(documentURL: documentURL)
        var info: JSONObject?
        var statusMembers = JSONObject()
        var releases: [ReleaseFacts]?
        var latestFiles: [ReleaseFile]?
        try JSONParser.read(data) { reader in
            guard reader.peek() == UInt8(ascii: "{") else { throw DocumentError(description: "project document has no info object") }
            try reader.readMembers { key, reader in
                switch key {
                case "info":
                    info = try reader.readValue().object
                case "releases" where reader.peek() == UInt8(ascii: "{"):
                    var list: [ReleaseFacts] = []
                    try reader.readMembers { version, reader in
                        var files: [ReleaseFile] = []
                        if reader.peek() == UInt8(ascii: "[") {
                            try reader.readElements { reader in
                                if let file = try releaseFile(&reader, resolver: resolver) { files.append(file) }
                            }
                        } else {
                            try reader.skipValue()
                        }
                        list.append(ReleaseFacts(version: version, files: files))
                    }
                    releases = list
                case "urls" where reader.peek() == UInt8(ascii: "["):
                    var files: [ReleaseFile] = []
                    try reader.readElements { reader in
                        if let file = try releaseFile(&reader, resolver: resolver) { files.append(file) }
                    }
                    latestFiles = files
                case "project-status", "project_status":
                    statusMembers.keys.append(key)
                    statusMembers.values.append(try reader.readValue())
                default:
                    try reader.skipValue()
                }
            }
        }
        guard let info else { throw DocumentError(description: "project document has no info object") }
        let name = info["name"]?.nonEmptyString ?? fallbackName
        if releases == nil, let latest = info["version"]?.nonEmptyString, let latestFiles {
            // A document without `releases` still describes its latest release in `urls`.
            releases = [ReleaseFacts(version: latest, files: latestFiles)]
        }
        let projectURLs = ProjectLinks.fromInfo(info)
        let status = ProjectStatus(document: .object(statusMembers), info: info["project_status"] ?? info["project-status"])
        return ProjectFacts(name: name, latestVersion: info["version"]?.nonEmptyString, releases: releases ?? [],
                            projectURLs: projectURLs, status: status?.status, statusReason: status?.reason,
                            pageURL: info["project_url"]?.nonEmptyString ?? info["package_url"]?.nonEmptyString ?? pageURL)
    }

    /// One file object of `releases` or `urls`, read member by member (a project document holds
    /// thousands; only the members used are turned into values), its URL resolved. Nil for an
    /// element that is not an object or lacks a file name or URL. Of a member given twice, the
    /// first counts.
    static func releaseFile(_ reader: inout JSONParser, resolver: FileURLResolver) throws -> ReleaseFile? {
        guard reader.peek() == UInt8(ascii: "{") else { try reader.skipValue(); return nil }
        var filename, href, packageType, yankedReason, uploadTimeISO, uploadTime, requiresPython, sha256: String?
        var yanked: Bool?
        var members = FileMembers()
        try reader.readMembers { key, reader in
            switch key {
            case "filename": try FileMembers.keepFirst(&filename, &reader)
            case "url": try FileMembers.keepFirst(&href, &reader)
            case "packagetype": try FileMembers.keepFirst(&packageType, &reader)
            case "yanked_reason": try FileMembers.keepFirst(&yankedReason, &reader)
            case "upload_time_iso_8601": try FileMembers.keepFirst(&uploadTimeISO, &reader)
            case "upload_time": try FileMembers.keepFirst(&uploadTime, &reader)
            case "requires_python": try FileMembers.keepFirst(&requiresPython, &reader)
            case "yanked":
                let value = try reader.readValue()
                if yanked == nil { yanked = value.bool ?? false }
            case "digests": try FileMembers.keepSHA256(&sha256, &reader)
            default:
                if try !members.readCoreMetadata(key, &reader) { try reader.skipValue() }
            }
        }
        guard let filename, let href else { return nil }
        let isYanked = yanked ?? false
        return ReleaseFile(filename: filename, packageType: packageType, url: resolver.resolve(href),
                           yanked: isYanked, yankedReason: isYanked ? yankedReason : nil,
                           uploadTime: uploadTimeISO ?? uploadTime, requiresPython: requiresPython,
                           sha256: sha256?.lowercased(), hasCoreMetadata: members.hasCoreMetadata)
    }

    /// PEP 658/714 keys, in the order they are consulted: `core-metadata` / `core_metadata` /
    /// `data-dist-info-metadata` / `dist-info-metadata`.
    static let coreMetadataKeys = ["core-metadata", "core_metadata", "data-dist-info-metadata", "dist-info-metadata"]

    /// What one such key says: `true` or a hash object mean a metadata file, `false` none; other
    /// values (null) say nothing, and the next key is consulted.
    static func coreMetadataFlag(_ value: JSONValue) -> Bool? {
        switch value {
        case .bool(let present): present
        case .object: true
        default: nil
        }
    }

    /// A version document → VersionMetadata, with the vulnerabilities PyPI lists for it.
    static func version(_ data: Data, name: String, version: String) throws -> VersionMetadata {
        let document = try JSONParser.parse(data)
        guard let info = document["info"]?.object else { throw DocumentError(description: "version document has no info object") }
        let vulnerabilities = (document["vulnerabilities"]?.array ?? []).compactMap(vulnerability)
        return VersionMetadata(name: info["name"]?.nonEmptyString ?? name,
                               version: info["version"]?.nonEmptyString ?? version,
                               requiresDist: info["requires_dist"]?.strings ?? [],
                               requiresPython: info["requires_python"]?.nonEmptyString,
                               providesExtra: info["provides_extra"]?.strings ?? [],
                               vulnerabilities: vulnerabilities, projectURLs: ProjectLinks.fromInfo(info))
    }

    static func vulnerability(_ value: JSONValue) -> Vulnerability? {
        guard let entry = value.object, let id = entry["id"]?.nonEmptyString else { return nil }
        let withdrawn: Bool
        switch entry["withdrawn"] {
        case .none, .some(.null): withdrawn = false
        case .some(.bool(let flag)): withdrawn = flag
        case .some: withdrawn = true
        }
        return Vulnerability(id: id, aliases: entry["aliases"]?.strings ?? [], fixedIn: entry["fixed_in"]?.strings ?? [],
                             summary: entry["summary"]?.nonEmptyString ?? entry["details"]?.nonEmptyString,
                             link: entry["link"]?.nonEmptyString, withdrawn: withdrawn, source: "pypi")
    }
}

/// A project's links as documents give them: `project_urls` (label → URL) plus the home page as
/// "Homepage" when no link has that label.
enum ProjectLinks {
    static func fromInfo(_ info: JSONObject) -> [String: String] {
        var links: [String: String] = [:]
        if let published = info["project_urls"]?.object {
            for (label, url) in published.members {
                if let url = url.nonEmptyString { links[label] = url }
            }
        }
        return merged(links, homePage: info["home_page"]?.nonEmptyString)
    }

    static func merged(_ links: [String: String], homePage: String?) -> [String: String] {
        var links = links
        if let homePage, links["Homepage"] == nil { links["Homepage"] = homePage }
        return links
    }
}

/// PEP 792 project status, published as a string or as `{"status": ..., "reason": ...}`,
/// at the top level (`project-status`) or inside `info` (`project_status`).
struct ProjectStatus {
    var status: String
    var reason: String?

    init?(document: JSONValue, info: JSONValue?) {
        let candidates = [document["project-status"], document["project_status"], info]
        for candidate in candidates {
            guard let candidate else { continue }
            if let text = candidate.nonEmptyString {
                status = text
                reason = nil
                return
            }
            if let object = candidate.object, let text = object["status"]?.nonEmptyString {
                status = text
                reason = object["reason"]?.nonEmptyString
                return
            }
        }
        return nil
    }
}
