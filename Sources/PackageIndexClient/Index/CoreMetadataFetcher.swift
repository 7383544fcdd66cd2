import PinAuditCore

/// Finds a version's core metadata when the index has no per-version document: the PEP 658
/// `<file>.metadata` file when a file is flagged as having one, else `METADATA` read out of a
/// wheel with range requests. Both are immutable, so the result is cached for good. An
/// sdist-only version stays "metadata unavailable": sdists are never downloaded.
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
        // Only flagged files are asked for `.metadata`: on an index without PEP 658 that request
        // would fail for every version. Wheels first: an sdist's metadata may be partial.
        let flagged = release.files.filter(\.hasCoreMetadata).sorted { lhs, rhs in
            (Self.isWheel(lhs) ? 0 : 1) < (Self.isWheel(rhs) ? 0 : 1)
        }
        var missingMetadataFile: String?
        if let file = flagged.first {
            let result = await fetchMetadataFile(of: file, facts: facts, version: version)
            guard case .failure(.notFound) = result else { return result }
            missingMetadataFile = file.filename
        }
        guard let wheel = Self.preferredWheel(release.files) else {
            let reason = missingMetadataFile.map { "the core metadata file of \($0) is missing on the index" }
                ?? "\(canonicalName) \(version) publishes no wheel and no core metadata (PEP 658)"
            return .failure(.metadataUnavailable(reason: reason))
        }
        let url = URLCredentials.lending(from: indexURL, to: wheel.url)
        let lead = missingMetadataFile.map { "the core metadata file of \($0) is missing on the index" }
            ?? "no wheel of \(canonicalName) \(version) publishes core metadata (PEP 658)"
        switch await WheelMetadataReader(fetcher: fetcher).metadata(url: url, project: canonicalName) {
        case .success(let text):
            let metadata = CoreMetadataParser.metadata(text, fallbackName: facts.name, fallbackVersion: version)
            return .success(.fetched(MetadataDocument(metadata: metadata, immutable: true), CacheValidators()))
        case .failure(.index(.notFound)):
            return .failure(.metadataUnavailable(reason: "\(lead), and the wheel \(wheel.filename) is missing on the index"))
        case .failure(.index(.metadataUnavailable(let why))), .failure(.unreadable(let why)):
            return .failure(.metadataUnavailable(
                reason: "\(lead), and METADATA could not be read from the wheel \(wheel.filename): \(why)"))
        case .failure(.index(let failure)):
            return .failure(failure)
        }
    }

    private func fetchMetadataFile(of file: ReleaseFile, facts: ProjectFacts, version: String) async
        -> Result<FetchOutcome<MetadataDocument>, IndexFailure> {
        let url = URLCredentials.lending(from: indexURL, to: file.url) + ".metadata"
        let result = await fetcher.fetch(HTTPRequest(url: url, priority: .small), kind: .coreMetadata) { response in
            CoreMetadataParser.metadata(String(decoding: response.body, as: UTF8.self),
                                        fallbackName: facts.name, fallbackVersion: version)
        }
        switch result {
        case .success(.fetched(let metadata, let validators)):
            return .success(.fetched(MetadataDocument(metadata: metadata, immutable: true), validators))
        case .success(.notModified):
            return .success(.notModified)
        case .failure(let failure):
            return .failure(failure)
        }
    }

    static func isWheel(_ file: ReleaseFile) -> Bool { file.filename.lowercased().hasSuffix(".whl") }

    /// The wheel to read METADATA from: a pure-Python one when there is one, then a common
    /// Linux build, then any; the first in the index's order among equals. All wheels of a
    /// version carry the same dependencies in practice.
    static func preferredWheel(_ files: [ReleaseFile]) -> ReleaseFile? {
        files.filter(isWheel).min { rank($0) < rank($1) }
    }

    private static func rank(_ file: ReleaseFile) -> Int {
        let tags = file.filename.lowercased().dropLast(".whl".count)
        if tags.hasSuffix("-none-any") { return 0 }
        if tags.contains("manylinux"), tags.hasSuffix("x86_64") { return 1 }
        return 2
    }
}
