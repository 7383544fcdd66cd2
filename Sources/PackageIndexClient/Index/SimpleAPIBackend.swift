import PinAuditCore

/// A PEP 691 Simple API: `<base>/<name>/` as JSON; metadata from PEP 658 core metadata files.
struct SimpleAPIBackend: IndexBackend {
    let baseURL: String
    let fetcher: IndexFetcher

    func projectPageURL(_ canonicalName: String) -> String {
        (baseURL.hasSuffix("/") ? baseURL : baseURL + "/") + canonicalName + "/"
    }

    func fetchProject(_ canonicalName: String, validators: CacheValidators?) async
        -> Result<FetchOutcome<ProjectFacts>, IndexFailure> {
        let url = projectPageURL(canonicalName)
        let request = HTTPRequest(url: url, headers: [HTTPHeaderField("Accept", SimpleAPIDecoder.mediaType)])
        return await fetcher.fetch(request, kind: .projectDocument, validators: validators) { response in
            let contentType = response.contentType?.lowercased() ?? ""
            if contentType.hasPrefix("text/html") || contentType.contains("+html") {
                throw DocumentError(description: "the index answered with HTML, not PEP 691 JSON")
            }
            // Relative file URLs resolve against the page as served, after redirects.
            let page = response.effectiveURL.isEmpty ? url : response.effectiveURL
            return try SimpleAPIDecoder.project(response.body, canonicalName: canonicalName, pageURL: page)
        }
    }

    func fetchMetadata(_ canonicalName: String, version: String, validators: CacheValidators?,
                       project: @escaping @Sendable () async -> Result<ProjectFacts, IndexFailure>) async
        -> Result<FetchOutcome<MetadataDocument>, IndexFailure> {
        switch await project() {
        case .success(let facts):
            return await CoreMetadataFetcher(fetcher: fetcher, indexURL: baseURL)
                .fetch(canonicalName, version: version, facts: facts)
        case .failure(let failure):
            return .failure(failure)
        }
    }
}
