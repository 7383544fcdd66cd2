import Foundation

/// One cached, normalized answer of the index with what is needed to revalidate it.
/// Stored as compact JSON; never holds credentials.
struct CacheEntry<Value: Codable>: Codable {
    /// `IndexCache.formatVersion` at write time; any other value is a foreign entry.
    var format: Int
    /// The index URL without credentials. On disk the entry keeps `IndexCache.indexGuard` of it
    /// instead, a guard against hash collisions that names no host.
    var index: String
    /// Seconds since 1970 when the index last confirmed this value.
    var fetchedAt: Double
    var etag: String?
    var lastModified: String?
    /// Never stale (PEP 658 core metadata of a released file cannot change).
    var immutable: Bool
    var value: Value

    var validators: CacheValidators { CacheValidators(etag: etag, lastModified: lastModified) }

    func age(now: Date) -> Double { now.timeIntervalSince1970 - fetchedAt }
}

/// Where the cache lives: `--cache-dir`, else `PINAUDIT_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/pinaudit`, else `~/.cache/pinaudit`.
public enum CacheLocation {
    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let flag, !flag.isEmpty { return URL(fileURLWithPath: flag, isDirectory: true) }
        if let dir = environment["PINAUDIT_CACHE_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir, isDirectory: true) }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("pinaudit", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true)
            .appendingPathComponent(".cache", isDirectory: true)
            .appendingPathComponent("pinaudit", isDirectory: true)
    }
}
