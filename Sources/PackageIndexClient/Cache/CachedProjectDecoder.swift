import Foundation
import PinAuditCore

/// Reads a cached project entry with the index client's fast JSON parser instead of Foundation's
/// `JSONDecoder`: project documents are large, and a warm `audit` spends most of its time here.
/// The layout is the one `JSONEncoder` writes for `CacheEntry<ProjectFacts>`.
enum CachedProjectDecoder {
    static func decode(_ data: Data) -> CacheEntry<ProjectFacts>? {
        guard let root = try? JSONParser.parse(data).object,
              case .number(let format)? = root["format"], let index = root["index"]?.string,
              case .number(let fetchedAt)? = root["fetchedAt"], let immutable = root["immutable"]?.bool,
              let value = root["value"]?.object, let name = value["name"]?.string,
              let releases = value["releases"]?.array else { return nil }
        var facts = ProjectFacts(name: name, latestVersion: value["latestVersion"]?.string, releases: [],
                                 status: value["status"]?.string, statusReason: value["statusReason"]?.string,
                                 pageURL: value["pageURL"]?.string)
        if let urls = value["projectURLs"]?.object {
            for (key, url) in zip(urls.keys, urls.values) { if let url = url.string { facts.projectURLs[key] = url } }
        }
        facts.releases.reserveCapacity(releases.count)
        for release in releases {
            guard let r = release.object, let version = r["version"]?.string, let files = r["files"]?.array else { return nil }
            var out: [ReleaseFile] = []
            out.reserveCapacity(files.count)
            for file in files {
                guard let f = file.object, let filename = f["filename"]?.string, let url = f["url"]?.string else { return nil }
                out.append(ReleaseFile(filename: filename, packageType: f["packageType"]?.string, url: url,
                                       yanked: f["yanked"]?.bool ?? false, yankedReason: f["yankedReason"]?.string,
                                       uploadTime: f["uploadTime"]?.string, requiresPython: f["requiresPython"]?.string,
                                       sha256: f["sha256"]?.string, hasCoreMetadata: f["hasCoreMetadata"]?.bool ?? false))
            }
            facts.releases.append(ReleaseFacts(version: version, files: out))
        }
        return CacheEntry(format: Int(format), index: index, fetchedAt: fetchedAt, etag: root["etag"]?.string,
                          lastModified: root["lastModified"]?.string, immutable: immutable, value: facts)
    }
}
