import Foundation
import PinAuditCore

/// Turns a PEP 691 JSON project page (with PEP 700 `versions` and PEP 792 status) into facts.
/// Releases are grouped from file names; the order is PEP 700's `versions` list, then any
/// version only seen in a file name, in order of appearance.
enum SimpleAPIDecoder {
    /// The media type asked for in `Accept`.
    static let mediaType = "application/vnd.pypi.simple.v1+json"

    static func project(_ data: Data, canonicalName: String, pageURL: String) throws -> ProjectFacts {
        let document = try JSONParser.parse(data)
        guard document.object != nil else { throw DocumentError(description: "project page is not a JSON object") }
        guard let fileValues = document["files"]?.array else {
            throw DocumentError(description: "project page has no files list (not a PEP 691 JSON page)")
        }
        let resolver = FileURLResolver(documentURL: pageURL)
        var order: [String] = document["versions"]?.strings ?? []
        var known = Set(order)
        var filesByVersion: [String: [ReleaseFile]] = [:]
        for value in fileValues {
            guard let file = value.object, let filename = file["filename"]?.nonEmptyString,
                  let href = file["url"]?.nonEmptyString else { continue }
            guard let parsed = DistributionFilename(filename, project: canonicalName) else { continue }
            let version = parsed.version
            if known.insert(version).inserted { order.append(version) }
            filesByVersion[version, default: []].append(releaseFile(file, filename: filename, href: href, resolver: resolver,
                                                                    packageType: parsed.packageType))
        }
        let releases = order.map { ReleaseFacts(version: $0, files: filesByVersion[$0] ?? []) }
        let status = ProjectStatus(document: document, info: nil)
        return ProjectFacts(name: document["name"]?.nonEmptyString ?? canonicalName, latestVersion: nil,
                            releases: releases, projectURLs: [:], status: status?.status, statusReason: status?.reason,
                            pageURL: URLRedaction.strippingCredentials(pageURL))
    }

    private static func releaseFile(_ file: JSONObject, filename: String, href: String, resolver: FileURLResolver,
                                    packageType: String) -> ReleaseFile {
        let resolved = resolver.resolve(href)
        var yanked = false
        var yankedReason: String?
        switch file["yanked"] {
        case .some(.bool(let flag)): yanked = flag
        case .some(.string(let reason)):
            yanked = true
            yankedReason = reason.isEmpty ? nil : reason
        default: break
        }
        return ReleaseFile(filename: filename, packageType: packageType, url: resolved, yanked: yanked,
                           yankedReason: yankedReason, uploadTime: file["upload-time"]?.nonEmptyString,
                           requiresPython: file["requires-python"]?.nonEmptyString,
                           sha256: file["hashes"]?["sha256"]?.nonEmptyString?.lowercased(),
                           hasCoreMetadata: JSONAPIDecoder.hasCoreMetadata(file))
    }
}
