import Foundation
import PinAuditCore

/// PyPI's JSON API: `<base>/<name>/json` and `<base>/<name>/<version>/json`.
struct JSONAPIBackend: IndexBackend {
    let baseURL: String
    let fetcher: IndexFetcher
    /// Whether this index serves version documents at all, learnt during the run.
    let versionDocuments = VersionDocumentSupport()

    private var trimmedBase: String { baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL }

    func fetchProject(_ canonicalName: String, validators: CacheValidators?) async
        -> Result<FetchOutcome<ProjectFacts>, IndexFailure> {
        let url = "\(trimmedBase)/\(canonicalName)/json"
        let request = HTTPRequest(url: url, headers: [HTTPHeaderField("Accept", "application/json")])
        return await fetcher.fetch(request, validators: validators) { response in
            // Relative file URLs resolve against the document as served, after redirects.
            try JSONAPIDecoder.project(response.body, name: canonicalName,
                                       documentURL: response.effectiveURL.isEmpty ? url : response.effectiveURL)
        }
    }

    func fetchMetadata(_ canonicalName: String, version: String, validators: CacheValidators?,
                       project: @Sendable () async -> Result<ProjectFacts, IndexFailure>) async
        -> Result<FetchOutcome<MetadataDocument>, IndexFailure> {
        if !versionDocuments.worthAsking {
            // Some mirrors serve project documents but never version documents: go straight to the files.
            switch await project() {
            case .success(let facts):
                return await CoreMetadataFetcher(fetcher: fetcher, indexURL: baseURL).fetch(canonicalName, version: version, facts: facts)
            case .failure(let failure):
                return .failure(failure)
            }
        }
        let url = "\(trimmedBase)/\(canonicalName)/\(PathEscaping.segment(version))/json"
        let request = HTTPRequest(url: url, headers: [HTTPHeaderField("Accept", "application/json")])
        let result = await fetcher.fetch(request, validators: validators) { response in
            MetadataDocument(metadata: try JSONAPIDecoder.version(response.body, name: canonicalName, version: version),
                             immutable: false)
        }
        guard case .failure(.notFound) = result else {
            if case .success = result { versionDocuments.record(served: true) }
            return result
        }
        // Some mirrors serve project documents but not version documents.
        switch await project() {
        case .success(let facts):
            if facts.releases.contains(where: { $0.version == version }) { versionDocuments.record(served: false) }
            return await CoreMetadataFetcher(fetcher: fetcher, indexURL: baseURL)
                .fetch(canonicalName, version: version, facts: facts)
        case .failure(let failure):
            return .failure(failure)
        }
    }
}

/// Percent-encoding of one path segment (versions may hold `+` and, when invalid, anything).
enum PathEscaping {
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~!")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// Counts version documents the index served and refused (404 for a release it lists): after a few
/// refusals and no success, the run stops asking, saving a round trip per package.
final class VersionDocumentSupport: @unchecked Sendable {
    private let lock = NSLock()
    private var served = 0
    private var refused = 0

    var worthAsking: Bool {
        lock.lock(); defer { lock.unlock() }
        return served > 0 || refused < 3
    }

    func record(served wasServed: Bool) {
        lock.lock(); defer { lock.unlock() }
        if wasServed { served += 1 } else { refused += 1 }
    }
}
