import Foundation
import PinAuditCore
import PythonPackaging

/// A local OSV database as a vulnerability service (`--vuln-source osv-db`, and `auto` when one
/// is present): OSV's PyPI export (a ZIP of OSV JSON files) or a folder of OSV JSON files.
///
/// The database is indexed once per version of its file (`OSVDatabaseIndex`, kept in the cache
/// folder under a key made of the path, size and modification time), so a run reads the index's
/// header and the entries of the packages it asks about. Databases under `indexThreshold` bytes
/// are indexed in memory on every run instead: writing an index beside a small committed snapshot
/// would only dirty the working tree.
public struct LocalOSVDatabase: VulnerabilityService {
    public let name = "osv-db"
    public var isLocal: Bool { true }
    /// The ZIP or folder.
    public let source: URL
    /// Where indexes are kept; nil: never written.
    public let cacheDirectory: URL?

    static let indexThreshold = 256 << 10

    public init(source: URL, cacheDirectory: URL?) {
        self.source = source
        self.cacheDirectory = cacheDirectory
    }

    /// Where `pinaudit db update` keeps the database in a cache folder.
    public static func defaultLocation(cacheDirectory: URL) -> URL {
        cacheDirectory.appendingPathComponent("osv-db", isDirectory: true).appendingPathComponent("PyPI-all.zip")
    }

    /// The database named for the run, if any: `--vuln-db`, then `PINAUDIT_VULN_DB`, then the
    /// configuration's `vuln-db` (empty values skipped).
    public static func given(flag: String?, configured: String?,
                             environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        [flag, environment["PINAUDIT_VULN_DB"], configured].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// The database a run uses: `--vuln-db`, then `PINAUDIT_VULN_DB`, then the configuration's
    /// `vuln-db`, then the cache folder's copy when it exists; nil when there is none.
    /// (`configured` is relative to the working directory, as written in the file.)
    public static func resolve(flag: String?, configured: String?, cacheDirectory: URL?,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let given = given(flag: flag, configured: configured, environment: environment) { return URL(fileURLWithPath: given) }
        guard let cacheDirectory else { return nil }
        let cached = defaultLocation(cacheDirectory: cacheDirectory)
        return FileManager.default.fileExists(atPath: cached.path) ? cached : nil
    }

    /// The database's index: read from the cache folder, or built (and stored when the database is large).
    public func open() throws -> OSVDatabaseIndex {
        let stamp = try Self.stamp(of: source)
        let indexFile = cacheDirectory.map {
            $0.appendingPathComponent("osv-db", isDirectory: true).appendingPathComponent("index-\(stamp.key).v1")
        }
        if let indexFile, let data = try? Data(contentsOf: indexFile, options: .alwaysMapped), let index = try? OSVDatabaseIndex.load(data) {
            return index
        }
        let built = try OSVDatabaseIndex.build(from: source)
        if let indexFile, stamp.size >= Self.indexThreshold {
            try? FileManager.default.createDirectory(at: indexFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? OSVDatabaseStore.write(Data(built.bytes), to: indexFile)
        }
        return built.index
    }

    public func vulnerabilities(for pins: [VulnerabilityQuery]) async -> Result<[String: [Vulnerability]], VulnerabilityServiceFailure> {
        let index: OSVDatabaseIndex
        do { index = try open() } catch {
            return .failure(VulnerabilityServiceFailure(service: "the local OSV database", reason: "\(error)",
                advice: "Run `pinaudit db update` to fetch it again, or name a readable one with `--vuln-db`."))
        }
        var out: [String: [Vulnerability]] = [:]
        for pin in pins {
            let name = PackageName.canonicalize(pin.name)
            out[pin.name, default: []] += index.vulnerabilities(package: name, version: pin.version)
        }
        return .success(out.mapValues { VulnerabilityMerge.merge([$0]) })
    }

    /// What identifies one version of the database: path, size and modification time (of the
    /// file, or of every JSON file of the folder), hashed (FNV-1a, 64 bits).
    static func stamp(of source: URL) throws -> (key: String, size: Int) {
        let manager = FileManager.default
        guard let attributes = try? manager.attributesOfItem(atPath: source.path) else {
            throw OSVDatabaseError("\(source.path) does not exist: run `pinaudit db update`, or name the database with `--vuln-db`")
        }
        var text = source.standardizedFileURL.path
        var size = 0
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            for case let relative as String in manager.enumerator(atPath: source.path) ?? FileManager.DirectoryEnumerator() where relative.hasSuffix(".json") {
                let item = try? manager.attributesOfItem(atPath: source.appendingPathComponent(relative).path)
                let bytes = (item?[.size] as? NSNumber)?.intValue ?? 0
                size += bytes
                text += "|\(relative):\(bytes):\((item?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
            }
        } else {
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            text += "|\(size)|\((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)"
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return (String(hash, radix: 16), size)
    }
}

extension LocalOSVDatabase {
    /// The lookup `plan` merges with the index's data: the local database's advisories of any
    /// release, when the configuration's `vuln-source` reads one (`auto` when one is present,
    /// `osv-db`); nil otherwise. Throws when the database is there but cannot be read.
    public static func planLookup(configuration: Configuration, cacheDirectory: URL?) throws -> (@Sendable (String, String) -> [Vulnerability])? {
        guard [.auto, .osvDB].contains(configuration.vulnSource),
              let source = resolve(flag: nil, configured: configuration.vulnDatabase, cacheDirectory: cacheDirectory) else { return nil }
        let index: OSVDatabaseIndex
        do { index = try LocalOSVDatabase(source: source, cacheDirectory: cacheDirectory).open() } catch {
            throw OSVDatabaseError("the local OSV database \(source.path) cannot be read (\(error)): run `pinaudit db update`, or name a readable one with `vuln-db`")
        }
        return { name, version in index.vulnerabilities(package: name, version: version) }
    }
}
