import Foundation
import PinAuditCore

/// PyPI's JSON API: `<base>/<name>/json` and `<base>/<name>/<version>/json`.
struct JSONAPIBackend: IndexBackend {
    let baseURL: String
    let fetcher: IndexFetcher

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
        let url = "\(trimmedBase)/\(canonicalName)/\(PathEscaping.segment(version))/json"
        let request = HTTPRequest(url: url, headers: [HTTPHeaderField("Accept", "application/json")])
        let result = await fetcher.fetch(request, validators: validators) { response in
            MetadataDocument(metadata: try JSONAPIDecoder.version(response.body, name: canonicalName, version: version),
                             immutable: false)
        }
        guard case .failure(.notFound) = result else { return result }
        // Some mirrors serve project documents but not version documents.
        switch await project() {
        case .success(let facts):
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
