import Foundation
import PinAuditCore

/// `pinaudit db update` and `db status`: fetches OSV's PyPI export into the cache folder through
/// the index's libcurl transport, conditionally (the stored ETag and Last-Modified), and replaces
/// the stored copy atomically only once the download has been read whole: a truncated, corrupt or
/// not-a-ZIP download, a member over the size cap, or a document that is not an OSV advisory is
/// an error and the previous database stays.
public struct OSVDatabaseUpdater: Sendable {
    /// OSV's public PyPI export. The only place its address is written.
    public static let defaultURL = "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip"
    /// A larger download is refused (the export is tens of MB).
    public static let maxDownloadBytes = 512 << 20

    public let url: String
    public let cacheDirectory: URL
    private let fetcher: IndexFetcher

    public init(url: String? = nil, cacheDirectory: URL, settings: HTTPTransportSettings = HTTPTransportSettings(),
                retryPolicy: RetryPolicy = RetryPolicy()) {
        self.url = url.flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultURL
        self.cacheDirectory = cacheDirectory
        fetcher = IndexFetcher(transport: CurlTransport(settings: settings), policy: retryPolicy, statistics: IndexStatistics())
    }

    /// The URL `db update` uses: `--url`, then `PINAUDIT_VULN_DB_URL`, then `vuln-db-url`, then OSV's export.
    public static func resolveURL(flag: String?, configured: String?,
                                  environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for candidate in [flag, environment["PINAUDIT_VULN_DB_URL"], configured] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return defaultURL
    }

    /// What an update did.
    public enum Outcome: Sendable, Equatable {
        /// A new database was stored.
        case updated(OSVDatabaseStatus)
        /// The server said the stored copy is current (304).
        case notModified(OSVDatabaseStatus)
    }

    public func update(now: Date = Date()) async -> Result<Outcome, OSVDatabaseError> {
        let store = OSVDatabaseStore(cacheDirectory: cacheDirectory)
        let previous = store.metadata()
        let validators = previous.flatMap { meta -> CacheValidators? in
            guard meta.url == url, FileManager.default.fileExists(atPath: store.database.path) else { return nil }
            return CacheValidators(etag: meta.etag, lastModified: meta.lastModified)
        }
        let request = HTTPRequest(url: url, headers: [HTTPHeaderField("Accept", "application/zip")], maxResponseBytes: Self.maxDownloadBytes)
        let outcome = await fetcher.fetch(request, validators: validators) { response -> ([UInt8], OSVDatabaseIndex.Summary) in
            let bytes = Array(response.body)
            // Read the whole download before anything is replaced.
            let advisories = try ZipArchiveFile(bytes: bytes).jsonMembers().map { try OSVAdvisoryDecoder.advisory($0.content, source: $0.name) }
            guard !advisories.isEmpty else { throw OSVDatabaseError("the download holds no OSV advisory") }
            return (bytes, OSVDatabaseIndex.build(advisories).index.summary)
        }
        switch outcome {
        case .success(.fetched(let (bytes, summary), let newValidators)):
            let meta = OSVDatabaseStore.Metadata(url: url, etag: newValidators.etag, lastModified: newValidators.lastModified,
                                                 fetched: ISO8601DateFormatter().string(from: now))
            do { try store.replace(with: bytes, metadata: meta) } catch { return .failure(error as? OSVDatabaseError ?? OSVDatabaseError("\(error)")) }
            return .success(.updated(OSVDatabaseStatus(location: store.database, metadata: meta, summary: summary)))
        case .success(.notModified):
            var meta = previous ?? OSVDatabaseStore.Metadata(url: url)
            meta.fetched = ISO8601DateFormatter().string(from: now)
            try? store.writeMetadata(meta)
            guard let status = Self.status(cacheDirectory: cacheDirectory) else {
                return .failure(OSVDatabaseError("the server says the stored database is current, but it cannot be read: delete \(store.folder.path) and update again"))
            }
            return .success(.notModified(status))
        case .failure(.notFound):
            return .failure(OSVDatabaseError("\(URLRedaction.redact(url)) answered 404 Not Found: check the database URL (`--url`, `vuln-db-url`)"))
        case .failure(let failure):
            return .failure(OSVDatabaseError(Self.reason(failure)))
        }
    }

    /// The stored database and what it holds; nil when there is none.
    public static func status(cacheDirectory: URL) -> OSVDatabaseStatus? {
        let store = OSVDatabaseStore(cacheDirectory: cacheDirectory)
        guard FileManager.default.fileExists(atPath: store.database.path),
              let index = try? LocalOSVDatabase(source: store.database, cacheDirectory: cacheDirectory).open() else { return nil }
        return OSVDatabaseStatus(location: store.database, metadata: store.metadata(), summary: index.summary)
    }

    private static func reason(_ failure: IndexFailure) -> String {
        switch failure {
        case .unavailable(let why), .metadataUnavailable(let why): "the database could not be fetched: \(why)"
        default: "the database could not be fetched: \(failure)"
        }
    }
}

/// A stored database: where it is, where it came from and what it holds.
public struct OSVDatabaseStatus: Sendable, Equatable {
    public var location: URL
    /// The URL and validators of the last update; nil for a database put there by hand.
    public var metadata: OSVDatabaseStore.Metadata?
    public var summary: OSVDatabaseIndex.Summary
}
