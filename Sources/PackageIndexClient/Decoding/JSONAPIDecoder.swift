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
        let base = documentURL.flatMap { URL(string: URLRedaction.strippingCredentials($0)) }
        var info: JSONObject?
        var statusMembers = JSONObject()
        var releases: [ReleaseFacts]?
        var latestFiles: [JSONValue]?
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
                                if let file = releaseFile(try reader.readValue(), base: base) { files.append(file) }
                            }
                        } else {
                            _ = try reader.readValue()
                        }
                        list.append(ReleaseFacts(version: version, files: files))
                    }
                    releases = list
                case "urls":
                    latestFiles = try reader.readValue().array
                case "project-status", "project_status":
                    statusMembers.keys.append(key)
                    statusMembers.values.append(try reader.readValue())
                default:
                    _ = try reader.readValue()
                }
            }
        }
        guard let info else { throw DocumentError(description: "project document has no info object") }
        let name = info["name"]?.nonEmptyString ?? fallbackName
        if releases == nil, let latest = info["version"]?.nonEmptyString, let latestFiles {
            // A document without `releases` still describes its latest release in `urls`.
            releases = [ReleaseFacts(version: latest, files: latestFiles.compactMap { releaseFile($0, base: base) })]
        }
        var projectURLs: [String: String] = [:]
        if let links = info["project_urls"]?.object {
            for (label, url) in links.members {
                if let url = url.nonEmptyString { projectURLs[label] = url }
            }
        }
        if let homePage = info["home_page"]?.nonEmptyString, projectURLs["Homepage"] == nil {
            projectURLs["Homepage"] = homePage
        }
        let status = ProjectStatus(document: .object(statusMembers), info: info["project_status"] ?? info["project-status"])
        return ProjectFacts(name: name, latestVersion: info["version"]?.nonEmptyString, releases: releases ?? [],
                            projectURLs: projectURLs, status: status?.status, statusReason: status?.reason,
                            pageURL: info["project_url"]?.nonEmptyString ?? info["package_url"]?.nonEmptyString ?? pageURL)
    }

    /// One file object of `releases` or `urls`, its URL resolved against `base`.
    static func releaseFile(_ value: JSONValue, base: URL? = nil) -> ReleaseFile? {
        guard let file = value.object, let filename = file["filename"]?.nonEmptyString, let href = file["url"]?.nonEmptyString
        else { return nil }
        let url = resolve(href, against: base)
        let yanked = file["yanked"]?.bool ?? false
        return ReleaseFile(filename: filename, packageType: file["packagetype"]?.nonEmptyString, url: url,
                           yanked: yanked, yankedReason: yanked ? file["yanked_reason"]?.nonEmptyString : nil,
                           uploadTime: file["upload_time_iso_8601"]?.nonEmptyString ?? file["upload_time"]?.nonEmptyString,
                           requiresPython: file["requires_python"]?.nonEmptyString,
                           sha256: file["digests"]?["sha256"]?.nonEmptyString?.lowercased(),
                           hasCoreMetadata: hasCoreMetadata(file))
    }

    /// `href` resolved against `base` as RFC 3986 references are; absolute URLs and anything
    /// Foundation cannot parse stay as written.
    static func resolve(_ href: String, against base: URL?) -> String {
        guard let base, !href.contains("://") else { return href }
        return URL(string: href, relativeTo: base)?.absoluteString ?? href
    }

    /// PEP 658/714 keys: `core-metadata` / `core_metadata` / `data-dist-info-metadata`, each
    /// either `true` or a hash object; `false`, null or absent mean no metadata file.
    static func hasCoreMetadata(_ file: JSONObject) -> Bool {
        for key in ["core-metadata", "core_metadata", "data-dist-info-metadata", "dist-info-metadata"] {
            guard let value = file[key] else { continue }
            switch value {
            case .bool(let present): return present
            case .object: return true
            default: continue
            }
        }
        return false
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
                               vulnerabilities: vulnerabilities)
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
