import Foundation
import PinAuditCore

/// Turns a PEP 691 JSON project page (with PEP 700 `versions` and PEP 792 status) into facts.
/// Releases are grouped from file names; the order is PEP 700's `versions` list, then any
/// version only seen in a file name, in order of appearance.
///
/// Read as a stream, like the JSON API's project documents: `files` (nearly all of a page of
/// several MB) is turned into release files one object at a time, never held as a tree of values.
enum SimpleAPIDecoder {
    /// The media type asked for in `Accept`.
    static let mediaType = "application/vnd.pypi.simple.v1+json"

    /// - Parameters:
    ///   - pageURL: the page as served (relative file URLs resolve against it).
    ///   - projectPageURL: the project's page for people, when the index has one; else the page itself.
    static func project(_ data: Data, canonicalName: String, pageURL: String, projectPageURL: String? = nil) throws -> ProjectFacts {
        let resolver = FileURLResolver(documentURL: pageURL)
        var name: String?
        var listedVersions: [String]?
        var fileOrder: [String] = []
        var filesByVersion: [String: [ReleaseFile]] = [:]
        var sawFiles = false
        var statusMembers = JSONObject()
        try JSONParser.read(data) { reader in
            guard reader.peek() == UInt8(ascii: "{") else { throw DocumentError(description: "project page is not a JSON object") }
            try reader.readMembers { key, reader in
                switch key {
                case "name":
                    let value = try reader.readValue().nonEmptyString
                    if name == nil { name = value }
                case "versions" where reader.peek() == UInt8(ascii: "["):
                    listedVersions = try reader.readValue().strings
                case "files" where reader.peek() == UInt8(ascii: "["):
                    sawFiles = true
                    try reader.readElements { reader in
                        guard let (version, file) = try releaseFile(&reader, canonicalName: canonicalName, resolver: resolver) else { return }
                        if filesByVersion[version] == nil { fileOrder.append(version) }
                        filesByVersion[version, default: []].append(file)
                    }
                case "project-status", "project_status":
                    statusMembers.keys.append(key)
                    statusMembers.values.append(try reader.readValue())
                default:
                    try reader.skipValue()
                }
            }
        }
        guard sawFiles else { throw DocumentError(description: "project page has no files list (not a PEP 691 JSON page)") }
        var order = listedVersions ?? []
        var known = Set(order)
        for version in fileOrder where known.insert(version).inserted { order.append(version) }
        let releases = order.map { ReleaseFacts(version: $0, files: filesByVersion[$0] ?? []) }
        let status = ProjectStatus(document: .object(statusMembers), info: nil)
        return ProjectFacts(name: name ?? canonicalName, latestVersion: nil,
                            releases: releases, projectURLs: [:], status: status?.status, statusReason: status?.reason,
                            pageURL: projectPageURL ?? URLRedaction.strippingCredentials(pageURL))
    }

    /// One file object of `files`, read member by member, with the version its name gives. Nil
    /// for an element that is not an object, lacks a file name or URL, or whose name is not one
    /// of this project's distributions. Of a member given twice, the first counts.
    private static func releaseFile(_ reader: inout JSONParser, canonicalName: String,
                                    resolver: FileURLResolver) throws -> (String, ReleaseFile)? {
        guard reader.peek() == UInt8(ascii: "{") else { try reader.skipValue(); return nil }
        var filename, href, uploadTime, requiresPython, sha256, yankedReason: String?
        var yanked: Bool?
        var members = FileMembers()
        try reader.readMembers { key, reader in
            switch key {
            case "filename": try FileMembers.keepFirst(&filename, &reader)
            case "url": try FileMembers.keepFirst(&href, &reader)
            case "upload-time": try FileMembers.keepFirst(&uploadTime, &reader)
            case "requires-python": try FileMembers.keepFirst(&requiresPython, &reader)
            case "yanked":
                let value = try reader.readValue()
                guard yanked == nil else { return }
                switch value {
                case .bool(let flag): yanked = flag
                case .string(let reason):
                    yanked = true
                    yankedReason = reason.isEmpty ? nil : reason
                default: yanked = false
                }
            case "hashes": try FileMembers.keepSHA256(&sha256, &reader)
            default:
                if try !members.readCoreMetadata(key, &reader) { try reader.skipValue() }
            }
        }
        guard let filename, let href, let parsed = DistributionFilename(filename, project: canonicalName) else { return nil }
        let file = ReleaseFile(filename: filename, packageType: parsed.packageType, url: resolver.resolve(href),
                               yanked: yanked ?? false, yankedReason: yankedReason, uploadTime: uploadTime,
                               requiresPython: requiresPython, sha256: sha256?.lowercased(),
                               hasCoreMetadata: members.hasCoreMetadata)
        return (parsed.version, file)
    }
}
