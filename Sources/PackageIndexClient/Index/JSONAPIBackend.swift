import Foundation
import PinAuditCore

/// PyPI's JSON API: `<base>/<name>/json` and `<base>/<name>/<version>/json`.
///
/// A release list is read from the smallest document that carries it. A JSON API at `<root>/pypi`
/// (PyPI's layout) usually serves the Simple API's JSON pages at `<root>/simple/<name>/` too: they
/// list every version and file with what the closure and the audit read (sha256, `requires-python`,
/// yanked and its reason, upload time, the core-metadata flag) at about half the bytes of the project
/// document, which repeats other digests, download counts and texts for every file. So those pages
/// are asked first; an index that does not serve them (404, or HTML) is learnt from a few probes and
/// then asked for project documents only. Version documents stay the JSON API's (per-version
/// vulnerabilities, `requires_dist`); project links come from the version's metadata then.
struct JSONAPIBackend: IndexBackend {
    let baseURL: String
    let fetcher: IndexFetcher
    /// Whether this index serves version documents at all, learnt during the run.
    let versionDocuments = ProbedSupport()
    /// Whether it serves Simple API JSON pages beside the JSON API, learnt the same way.
    let simplePages = ProbedSupport()

    private var trimmedBase: String { baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL }

    /// `<root>` of a base `<root>/pypi`, where the Simple API would be; nil for other layouts.
    let root: String?

    init(baseURL: String, fetcher: IndexFetcher) {
        self.baseURL = baseURL
        self.fetcher = fetcher
        let trimmed = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        if trimmed.hasSuffix("/pypi"), let components = URLComponents(string: trimmed),
           components.query == nil, components.fragment == nil {
            root = String(trimmed.dropLast("/pypi".count))
        } else {
            root = nil
        }
    }

    func fetchProject(_ canonicalName: String, validators: CacheValidators?) async
        -> Result<FetchOutcome<ProjectFacts>, IndexFailure> {
        guard let root else { return await fetchProjectDocument(canonicalName, validators: validators) }
        let decision = await simplePages.decide()
        guard decision != .skip else { return await fetchProjectDocument(canonicalName, validators: validators) }
        func settle(_ verdict: ProbedSupport.Verdict) {
            if decision == .probe { simplePages.finishProbe(verdict) }
        }
        let url = "\(root)/simple/\(canonicalName)/"
        let request = HTTPRequest(url: url, headers: [HTTPHeaderField("Accept", SimpleAPIDecoder.mediaType)])
        let page = await fetcher.fetch(request, kind: .projectDocument, validators: validators) { response -> ProjectFacts? in
            // An HTML page (or anything but PEP 691 JSON) means: ask for the project document instead.
            guard let type = response.contentType?.lowercased(), type.contains("json") else { return nil }
            let served = response.effectiveURL.isEmpty ? url : response.effectiveURL
            return try SimpleAPIDecoder.project(response.body, canonicalName: canonicalName, pageURL: served,
                                                projectPageURL: URLRedaction.strippingCredentials("\(root)/project/\(canonicalName)/"))
        }
        switch page {
        case .success(.fetched(let facts?, let pageValidators)):
            settle(.served)
            return .success(.fetched(facts, pageValidators))
        case .success(.notModified):
            settle(.served)
            return .success(.notModified)
        case .success(.fetched(nil, _)), .failure(.notFound):
            // The cached entry may be the project document's (an index found to lack pages in an
            // earlier run): its validators still make this request conditional.
            let document = await fetchProjectDocument(canonicalName, validators: validators)
            if case .success = document { settle(.refused) } else { settle(.inconclusive) }
            return document
        case .failure(let failure):
            settle(.inconclusive)
            return .failure(failure)
        }
    }

    private func fetchProjectDocument(_ canonicalName: String, validators: CacheValidators?) async
        -> Result<FetchOutcome<ProjectFacts>, IndexFailure> {
        let url = "\(trimmedBase)/\(canonicalName)/json"
        let request = HTTPRequest(url: url, headers: [HTTPHeaderField("Accept", "application/json")])
        return await fetcher.fetch(request, kind: .projectDocument, validators: validators) { response in
            // Relative file URLs resolve against the document as served, after redirects.
            try JSONAPIDecoder.project(response.body, name: canonicalName,
                                       documentURL: response.effectiveURL.isEmpty ? url : response.effectiveURL)
        }
    }

    func fetchMetadata(_ canonicalName: String, version: String, validators: CacheValidators?,
                       project: @escaping @Sendable () async -> Result<ProjectFacts, IndexFailure>) async
        -> Result<FetchOutcome<MetadataDocument>, IndexFailure> {
        let decision = await versionDocuments.decide()
        guard decision != .skip else {
            // This index serves project documents but not version documents: go straight to the files.
            switch await project() {
            case .success(let facts):
                return await CoreMetadataFetcher(fetcher: fetcher, indexURL: baseURL).fetch(canonicalName, version: version, facts: facts)
            case .failure(let failure):
                return .failure(failure)
            }
        }
        // A probe reports as soon as its verdict is known, not when its package is done.
        func settle(_ verdict: ProbedSupport.Verdict) {
            if decision == .probe { versionDocuments.finishProbe(verdict) }
        }
        // Other lookups wait for a probe's verdict, which a refusal gives only with the project
        // document: a probe asks for both at once. (If the version document comes, the project
        // document still serves the audit, from the run's memo and the cache.)
        let projectAhead = decision == .probe ? Task { await project() } : nil
        let url = "\(trimmedBase)/\(canonicalName)/\(PathEscaping.segment(version))/json"
        let request = HTTPRequest(url: url, headers: [HTTPHeaderField("Accept", "application/json")], priority: .small)
        let result = await fetcher.fetch(request, kind: .versionDocument, validators: validators) { response in
            MetadataDocument(metadata: try JSONAPIDecoder.version(response.body, name: canonicalName, version: version),
                             immutable: false)
        }
        guard case .failure(.notFound) = result else {
            if case .success = result { settle(.served) } else { settle(.inconclusive) }
            return result
        }
        // Some mirrors serve project documents but not version documents.
        let facts = if let projectAhead { await projectAhead.value } else { await project() }
        switch facts {
        case .success(let facts):
            // A 404 for a release the project lists is a refusal; for one it lacks, a plain miss.
            settle(facts.releases.contains(where: { $0.version == version }) ? .refused : .inconclusive)
            return await CoreMetadataFetcher(fetcher: fetcher, indexURL: baseURL)
                .fetch(canonicalName, version: version, facts: facts)
        case .failure(let failure):
            settle(.inconclusive)
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
