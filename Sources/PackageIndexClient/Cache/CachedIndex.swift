import Foundation
import PinAuditCore

/// One index (one backend) behind the on-disk cache, with lookups of a run shared: each
/// project or version is asked at most once per client, however many callers want it.
final class CachedIndex: PackageIndex, @unchecked Sendable {
    let backend: IndexBackend
    let cache: IndexCache?
    let policy: CachePolicy
    let statistics: IndexStatistics
    private let lock = NSLock()
    private var projects: [String: Task<Result<ProjectFacts, IndexFailure>, Never>] = [:]
    private var versions: [String: Task<Result<VersionMetadata, IndexFailure>, Never>] = [:]

    init(backend: IndexBackend, cache: IndexCache?, policy: CachePolicy, statistics: IndexStatistics) {
        self.backend = backend
        self.cache = cache
        self.policy = policy
        self.statistics = statistics
    }

    var indexURL: String { backend.baseURL }

    func project(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure> {
        let task = lock.withLock {
            if let existing = projects[canonicalName] { return existing }
            let task = Task { await self.lookUpProject(canonicalName) }
            projects[canonicalName] = task
            return task
        }
        return await task.value
    }

    /// A lookup in flight or done is shared; otherwise the project is read (or fetched and stored),
    /// shared with whoever asks while it is in flight, and not kept in memory afterwards.
    func projectOnce(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure> {
        let (task, started) = lock.withLock {
            if let existing = projects[canonicalName] { return (existing, false) }
            let task = Task { await self.lookUpProject(canonicalName) }
            projects[canonicalName] = task
            return (task, true)
        }
        let result = await task.value
        if started { lock.withLock { if projects[canonicalName] == task { projects[canonicalName] = nil } } }
        return result
    }

    func metadata(_ canonicalName: String, version: String) async -> Result<VersionMetadata, IndexFailure> {
        let key = canonicalName + "\u{0}" + version
        let task = lock.withLock {
            if let existing = versions[key] { return existing }
            let task = Task { await self.lookUpMetadata(canonicalName, version: version) }
            versions[key] = task
            return task
        }
        return await task.value
    }

    private func lookUpProject(_ name: String) async -> Result<ProjectFacts, IndexFailure> {
        let file = cache?.projectFile(index: indexURL, name: name)
        return await lookUp(ProjectFacts.self, file: file, isImmutable: { _ in false }) { validators in
            switch await self.backend.fetchProject(name, validators: validators) {
            case .success(.fetched(let facts, let validators)): .success(.fetched((facts, false), validators))
            case .success(.notModified): .success(.notModified)
            case .failure(let failure): .failure(failure)
            }
        }
    }

    private func lookUpMetadata(_ name: String, version: String) async -> Result<VersionMetadata, IndexFailure> {
        let file = cache?.metadataFile(index: indexURL, name: name, version: version)
        return await lookUp(VersionMetadata.self, file: file, isImmutable: \.immutable) { validators in
            let result = await self.backend.fetchMetadata(name, version: version, validators: validators) {
                await self.project(name)
            }
            switch result {
            case .success(.fetched(let document, let validators)):
                return .success(.fetched((document.metadata, document.immutable), validators))
            case .success(.notModified): return .success(.notModified)
            case .failure(let failure): return .failure(failure)
            }
        }
    }

    /// The cache protocol shared by both kinds of documents.
    private func lookUp<Value: Codable>(
        _ type: Value.Type, file: URL?, isImmutable: (CacheEntry<Value>) -> Bool,
        fetch: (CacheValidators?) async -> Result<FetchOutcome<(Value, Bool)>, IndexFailure>
    ) async -> Result<Value, IndexFailure> {
        let entry = file.flatMap { cache?.load(Value.self, from: $0, index: indexURL) }
        let now = Date()
        if policy.mode == .offline {
            guard let entry else { return .failure(.notCached) }
            statistics.recordCacheHit()
            return .success(entry.value)
        }
        if let entry, policy.mode == .normal, isImmutable(entry) || entry.age(now: now) < policy.maxAge {
            statistics.recordCacheHit()
            return .success(entry.value)
        }
        let validators = entry.map(\.validators).flatMap { $0.isEmpty ? nil : $0 }
        switch await fetch(validators) {
        case .success(.fetched((let value, let immutable), let validators)):
            guard let file, let cache else { return .success(value) }
            let written = cache.store(CacheEntry(format: IndexCache.formatVersion, index: URLRedaction.strippingCredentials(indexURL),
                                                fetchedAt: Date().timeIntervalSince1970, etag: validators.etag,
                                                lastModified: validators.lastModified, immutable: immutable, value: value), to: file)
            // A project is kept as its record, read back lazily, rather than as the decoded document:
            // a run over hundreds of projects would otherwise hold every file of every release in memory.
            if written, Value.self == ProjectFacts.self, let reread = cache.load(Value.self, from: file, index: indexURL) {
                return .success(reread.value)
            }
            return .success(value)
        case .success(.notModified):
            guard var entry else { return .failure(.unavailable(reason: "the index answered 304 to an unconditional request")) }
            entry.fetchedAt = Date().timeIntervalSince1970
            if let file { cache?.restamp(entry, at: file) }
            return .success(entry.value)
        case .failure(let failure):
            if failure != .notFound { statistics.recordFailure() }
            return .failure(failure)
        }
    }
}
