import Foundation
import PinAuditCore

/// OSV's API as a vulnerability service (`--vuln-source osv`, and with the index's data, `both`),
/// through `OSVClient`.
public struct OSVAPIService: VulnerabilityService {
    public let name = "osv"
    let client: OSVClient?

    /// `client` nil: the run is offline, and the service fails saying so.
    public init(client: OSVClient?) { self.client = client }

    public func vulnerabilities(for pins: [VulnerabilityQuery]) async -> Result<[String: [Vulnerability]], VulnerabilityServiceFailure> {
        let reason: String
        if let client {
            switch await client.vulnerabilities(for: pins.map { (name: $0.name, version: $0.version) }) {
            case .success(let found): return .success(found)
            case .failure(.unavailable(let why)), .failure(.metadataUnavailable(let why)): reason = why
            case .failure(let failure): reason = failure.description
            }
        } else {
            reason = "the run is offline"
        }
        return .failure(VulnerabilityServiceFailure(service: "OSV", reason: reason))
    }
}

/// What a vulnerability service may need to be made: the run's settings.
public struct VulnerabilityServiceContext: Sendable {
    public var offline: Bool
    /// `osv-url` from the configuration (`PINAUDIT_OSV_URL` wins).
    public var osvURL: String?
    /// The local OSV database, when one is given or present (`LocalOSVDatabase.resolve`).
    public var database: URL?
    public var cacheDirectory: URL?
    public var maxConcurrent: Int
    /// The run's index client, whose transport OSV's API shares; nil: a transport of its own.
    public var indexClient: IndexClient?

    public init(offline: Bool, osvURL: String?, database: URL?, cacheDirectory: URL?, maxConcurrent: Int, indexClient: IndexClient? = nil) {
        self.offline = offline; self.osvURL = osvURL; self.database = database
        self.cacheDirectory = cacheDirectory; self.maxConcurrent = maxConcurrent; self.indexClient = indexClient
    }
}

/// Every vulnerability service by the name `--vuln-source` uses. Adding one is a type conforming
/// to `VulnerabilityService` and one line here (and a case of `VulnerabilitySource` to select it).
public enum VulnerabilityServiceRegistry {
    public typealias Factory = @Sendable (VulnerabilityServiceContext) -> any VulnerabilityService

    public static let factories: [String: Factory] = [
        "osv": { context in
            guard !context.offline else { return OSVAPIService(client: nil) }
            let base = OSVClient.resolveURL(configured: context.osvURL)
            if let transport = context.indexClient?.transport { return OSVAPIService(client: OSVClient(baseURL: base, transport: transport)) }
            return OSVAPIService(client: OSVClient(baseURL: base, settings: HTTPTransportSettings(maxConcurrentTransfers: max(1, context.maxConcurrent))))
        },
        "osv-db": { context in
            LocalOSVDatabase(source: context.database ?? LocalOSVDatabase.defaultLocation(
                cacheDirectory: context.cacheDirectory ?? CacheLocation.resolve(flag: nil)), cacheDirectory: context.cacheDirectory)
        },
    ]

    /// The services of `names`, in order; unknown names are left out.
    public static func services(_ names: [String], context: VulnerabilityServiceContext) -> [any VulnerabilityService] {
        names.compactMap { factories[$0]?(context) }
    }
}
