import PinAuditCore

/// Version metadata as fetched, with whether it can never change.
struct MetadataDocument: Codable, Sendable {
    var metadata: VersionMetadata
    /// Core metadata files are immutable (PEP 658); JSON API documents carry vulnerabilities,
    /// which change, so they are not.
    var immutable: Bool
}

/// One kind of index API (PyPI JSON or Simple) at one base URL: fetches, with no caching.
protocol IndexBackend: Sendable {
    /// The base URL as configured (credentials included; redact before showing).
    var baseURL: String { get }
    /// The project's document; `validators` make the request conditional.
    func fetchProject(_ canonicalName: String, validators: CacheValidators?) async
        -> Result<FetchOutcome<ProjectFacts>, IndexFailure>
    /// One version's metadata; `project` supplies the (cached) project facts for core-metadata lookups.
    func fetchMetadata(_ canonicalName: String, version: String, validators: CacheValidators?,
                       project: @Sendable () async -> Result<ProjectFacts, IndexFailure>) async
        -> Result<FetchOutcome<MetadataDocument>, IndexFailure>
}

/// Fetches a version's PEP 658 core metadata file, the source of dependencies when the index
/// has no per-version document.
struct CoreMetadataFetcher: Sendable {
    let fetcher: IndexFetcher
    /// The index's configured URL, whose credentials are lent to file URLs on the same host.
    let indexURL: String

    func fetch(_ canonicalName: String, version: String, facts: ProjectFacts) async
        -> Result<FetchOutcome<MetadataDocument>, IndexFailure> {
        guard let release = facts.releases.first(where: { $0.version == version }) else { return .failure(.notFound) }
        guard !release.files.isEmpty else {
            return .failure(.metadataUnavailable(reason: "\(canonicalName) \(version) has no files on the index"))
        }
        // Wheels first: their metadata is static; an sdist's metadata may be partial.
        let candidates = release.files.filter(\.hasCoreMetadata).sorted { lhs, rhs in
            (lhs.filename.hasSuffix(".whl") ? 0 : 1) < (rhs.filename.hasSuffix(".whl") ? 0 : 1)
        }
        guard let file = candidates.first else {
            let hasWheel = release.files.contains { $0.filename.hasSuffix(".whl") }
            let reason = hasWheel
                ? "no wheel of \(canonicalName) \(version) publishes core metadata (PEP 658)"
                : "\(canonicalName) \(version) publishes no wheel and no core metadata (PEP 658)"
            return .failure(.metadataUnavailable(reason: reason))
        }
        let url = URLCredentials.lending(from: indexURL, to: file.url) + ".metadata"
        let result = await fetcher.fetch(HTTPRequest(url: url)) { response in
            CoreMetadataParser.metadata(String(decoding: response.body, as: UTF8.self),
                                        fallbackName: facts.name, fallbackVersion: version)
        }
        switch result {
        case .success(.fetched(let metadata, let validators)):
            return .success(.fetched(MetadataDocument(metadata: metadata, immutable: true), validators))
        case .success(.notModified):
            return .success(.notModified)
        case .failure(.notFound):
            return .failure(.metadataUnavailable(reason: "the core metadata file of \(file.filename) is missing on the index"))
        case .failure(let failure):
            return .failure(failure)
        }
    }
}
