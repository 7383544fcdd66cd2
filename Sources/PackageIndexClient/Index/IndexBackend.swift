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
                       project: @escaping @Sendable () async -> Result<ProjectFacts, IndexFailure>) async
        -> Result<FetchOutcome<MetadataDocument>, IndexFailure>
}
