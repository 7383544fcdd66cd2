import Foundation
import PinAuditCore

/// Several indexes asked as one, as pip does with `--extra-index-url`: every index is asked,
/// the first (in configured order) that has the project answers, and projects found on more
/// than one index are remembered, since that is how dependency confusion attacks work.
public final class MultiIndex: PackageIndex, @unchecked Sendable {
    /// The indexes, primary first, each with the redacted URL used to name it.
    public let indexes: [(name: String, index: any PackageIndex)]
    private let lock = NSLock()
    private var servers: [String: [Int]] = [:]

    public init(indexes: [(name: String, index: any PackageIndex)]) {
        self.indexes = indexes
    }

    public func project(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure> {
        let results = await withTaskGroup(of: (Int, Result<ProjectFacts, IndexFailure>).self) { group in
            for (position, entry) in indexes.enumerated() {
                group.addTask { (position, await entry.index.project(canonicalName)) }
            }
            var results = [Result<ProjectFacts, IndexFailure>?](repeating: nil, count: indexes.count)
            for await (position, result) in group { results[position] = result }
            return results.compactMap { $0 }
        }
        let serving = results.indices.filter { if case .success = results[$0] { true } else { false } }
        lock.withLock { servers[canonicalName] = serving }
        if let first = serving.first { return results[first] }
        // No index has it: a failure to answer matters more than "not found" elsewhere.
        for result in results {
            if case .failure(let failure) = result, failure != .notFound { return .failure(failure) }
        }
        return .failure(.notFound)
    }

    public func metadata(_ canonicalName: String, version: String) async -> Result<VersionMetadata, IndexFailure> {
        var serving = lock.withLock { servers[canonicalName] }
        if serving == nil {
            _ = await project(canonicalName)
            serving = lock.withLock { servers[canonicalName] }
        }
        guard let position = serving?.first else {
            // Not on any index: ask the primary, which gives the right failure.
            return await indexes[0].index.metadata(canonicalName, version: version)
        }
        return await indexes[position].index.metadata(canonicalName, version: version)
    }

    /// Projects asked so far that more than one index serves, with those indexes' redacted URLs.
    public func projectsOnSeveralIndexes() -> [String: [String]] {
        lock.withLock {
            servers.filter { $0.value.count > 1 }.mapValues { $0.map { indexes[$0].name } }
        }
    }
}
