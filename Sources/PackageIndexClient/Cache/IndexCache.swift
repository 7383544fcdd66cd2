import Foundation
import PinAuditCore

/// The on-disk cache of normalized index answers.
///
/// Layout: `<directory>/index-v<format>/<hash of index URL>/projects/<name>.record` (a
/// `ProjectRecord`, read lazily) and `.../metadata/<name>@<version>.json` (a JSON `CacheEntry`).
/// Keys hash the index URL without credentials, so two indexes never share entries. Writes go
/// to a unique temporary file and are renamed into place, so concurrent runs see either the old
/// or the new entry, never half of one. An entry that cannot be decoded or has another format is
/// deleted and treated as missing.
public final class IndexCache: Sendable {
    /// Bumped whenever the entry shape or the normalization changes.
    public static let formatVersion = 5

    public let directory: URL
    /// Folders this cache has made, so a run of hundreds of writes asks the file system once per folder.
    private let knownFolders = KnownFolders()
    /// Per index URL: the URL without credentials (what entries record) and its folder's path,
    /// worked out once instead of for every lookup.
    private let indexFolders = IndexFolders()

    public init(directory: URL) {
        self.directory = directory
    }

    private final class KnownFolders: @unchecked Sendable {
        private let lock = NSLock()
        private var paths: Set<String> = []
        func contains(_ path: String) -> Bool { lock.withLock { paths.contains(path) } }
        func insert(_ path: String) { _ = lock.withLock { paths.insert(path) } }
    }

    private final class IndexFolders: @unchecked Sendable {
        private let lock = NSLock()
        private var folders: [String: (index: String, path: String)] = [:]
        func folder(_ indexURL: String, make: () -> (index: String, path: String)) -> (index: String, path: String) {
            if let known = lock.withLock({ folders[indexURL] }) { return known }
            let made = make()
            lock.withLock { folders[indexURL] = made }
            return made
        }
    }

    /// The index URL as entries record it (no credentials) and the path of its folder.
    private func indexFolder(_ indexURL: String) -> (index: String, path: String) {
        indexFolders.folder(indexURL) {
            let key = URLRedaction.strippingCredentials(indexURL)
            let path = directory
                .appendingPathComponent("index-v\(Self.formatVersion)", isDirectory: true)
                .appendingPathComponent(Self.hashHex(key), isDirectory: true).path
            return (key, path)
        }
    }

    func projectFile(index: String, name: String) -> URL {
        URL(fileURLWithPath: indexFolder(index).path + "/projects/" + Self.safeFileName(name) + ".record", isDirectory: false)
    }

    /// One flat folder: `<name>@<version>.json` (`@` never appears in a safe name, so the split
    /// is unambiguous), which spares a run a folder per package.
    func metadataFile(index: String, name: String, version: String) -> URL {
        URL(fileURLWithPath: indexFolder(index).path + "/metadata/" + Self.safeFileName(name) + "@"
            + Self.safeFileName(version) + ".json", isDirectory: false)
    }

    /// The entry at `file`, or nil when missing; unreadable or foreign entries are removed.
    /// Of a project record only the summary part is read; a release's files are read when first used.
    func load<Value: Codable>(_ type: Value.Type, from file: URL, index: String) -> CacheEntry<Value>? {
        let decoded: CacheEntry<Value>?
        if Value.self == ProjectFacts.self {
            switch ProjectRecord.read(path: file.path, index: indexFolder(index).index) {
            case .missing: return nil
            case .damaged: decoded = nil
            case .record(let record): decoded = record as? CacheEntry<Value>
            }
        } else {
            guard let data = try? Data(contentsOf: file) else { return nil }
            // Entries keep a guard derived from the index URL, not the URL (see `indexGuard`).
            decoded = (MetadataEntryCodec.decode(data) as? CacheEntry<Value>).map { entry in
                var entry = entry
                if entry.index == Self.indexGuard(indexFolder(index).index) { entry.index = indexFolder(index).index }
                return entry
            }
        }
        guard let entry = decoded, entry.format == Self.formatVersion,
              entry.index == indexFolder(index).index else {
            try? FileManager.default.removeItem(at: file)
            return nil
        }
        return entry
    }

    /// Writes atomically; a failure to write only costs a later refetch. Returns whether the entry was written.
    @discardableResult
    func store<Value: Codable>(_ entry: CacheEntry<Value>, to file: URL) -> Bool {
        let encoded: Data? = if let project = entry as? CacheEntry<ProjectFacts> {
            ProjectRecord.encode(project)
        } else if let metadata = entry as? CacheEntry<VersionMetadata> {
            MetadataEntryCodec.encode(CacheEntry(format: metadata.format, index: Self.indexGuard(metadata.index),
                                                 fetchedAt: metadata.fetchedAt, etag: metadata.etag,
                                                 lastModified: metadata.lastModified, immutable: metadata.immutable,
                                                 value: metadata.value))
        } else {
            nil
        }
        guard let data = encoded else { return false }
        let folder = file.deletingLastPathComponent()
        if !knownFolders.contains(folder.path) {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            knownFolders.insert(folder.path)
        }
        let temporary = folder.appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp")
        if !Self.createFile(temporary.path, with: data) {
            // The folder may have been removed since it was made: make it again, once.
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard Self.createFile(temporary.path, with: data) else { return false }
        }
        if rename(temporary.path, file.path) != 0 {
            unlink(temporary.path)
            return false
        }
        return true
    }

    /// Writes `entry` again after the index confirmed it (304), with its new time. A project
    /// record is rewritten from its own bytes, read whole once, rather than from `entry`, whose
    /// releases would each read their file line from the file.
    func restamp<Value: Codable>(_ entry: CacheEntry<Value>, at file: URL) {
        guard Value.self == ProjectFacts.self else { store(entry, to: file); return }
        guard let data = try? Data(contentsOf: file), var record = ProjectRecord.decode(data, index: entry.index) else { return }
        record.fetchedAt = entry.fetchedAt
        record.etag = entry.etag
        record.lastModified = entry.lastModified
        store(record, to: file)
    }

    /// Creates `path` with `data`. No fsync: a cache entry lost in a crash is fetched again, and one
    /// left damaged is detected and dropped when read.
    private static func createFile(_ path: String, with data: Data) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        let written = data.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 { if errno == EINTR { continue }; return false }
                offset += count
            }
            return true
        }
        close(descriptor)
        if !written { unlink(path) }
        return written
    }

    /// Makes a name safe as one path component: keeps `[A-Za-z0-9._-]`, escapes the rest as
    /// `%XX` and a leading dot, so `..` or `/` in an invalid version cannot escape the folder.
    static func safeFileName(_ text: String) -> String {
        // Nearly every name and version is safe as it is.
        if !text.isEmpty, text.utf8.count <= 200, text.utf8.first != 0x2E, text.utf8.allSatisfy({ byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }) {
            return text
        }
        var result = ""
        for (offset, byte) in text.utf8.enumerated() {
            let isSafe = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || (byte == 0x2E && offset > 0)
            result += isSafe ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }
        return result.isEmpty ? "%00" : String(result.prefix(200))
    }

    /// What an entry keeps of its index's URL (without credentials): a second hash, independent of the
    /// folder's, which guards against two indexes sharing a folder without naming the index's host.
    static func indexGuard(_ indexURL: String) -> String {
        "index:" + hashHex("pinaudit-index-guard\n" + indexURL)
    }

    /// FNV-1a, 64 bits, as 16 hex digits: a stable, short folder name per index URL.
    static func hashHex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
