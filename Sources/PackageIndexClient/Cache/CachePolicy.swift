/// How the client uses the cache.
///
/// Project documents and version metadata from the JSON API share one `maxAge`: version
/// metadata carries vulnerabilities, which change, so it is revalidated like the project
/// (cheaply, with a conditional request). Metadata read from PEP 658 core metadata files
/// cannot change and is kept until `refresh`.
public struct CachePolicy: Sendable, Hashable {
    public enum Mode: Sendable, Hashable {
        /// Fresh entries answer at once; stale ones are revalidated.
        case normal
        /// Every entry is revalidated (conditionally, so unchanged documents cost a 304).
        case refresh
        /// No network: the cache alone answers, whatever the age; missing is `.notCached`.
        case offline
    }

    public var mode: Mode
    /// Seconds an entry stays fresh.
    public var maxAge: Double

    public init(mode: Mode = .normal, maxAge: Double = 15 * 60) {
        self.mode = mode
        self.maxAge = maxAge
    }
}
