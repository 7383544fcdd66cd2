import Foundation

/// The cache folder's `osv-db/` folder: the database (`PyPI-all.zip`), what the last update
/// learnt (`PyPI-all.meta.json`) and the indexes (`index-<key>.v1`). Writes are atomic: a
/// temporary file in the folder, then a rename, so a reader sees the old file or the new one.
public struct OSVDatabaseStore: Sendable {
    public struct Metadata: Codable, Sendable, Equatable {
        public var url: String
        public var etag: String?
        public var lastModified: String?
        /// When the last update ran (ISO 8601).
        public var fetched: String?

        public init(url: String, etag: String? = nil, lastModified: String? = nil, fetched: String? = nil) {
            self.url = url; self.etag = etag; self.lastModified = lastModified; self.fetched = fetched
        }

        enum CodingKeys: String, CodingKey {
            case url, etag, fetched
            case lastModified = "last_modified"
        }
    }

    public let folder: URL

    public init(cacheDirectory: URL) {
        folder = cacheDirectory.appendingPathComponent("osv-db", isDirectory: true)
    }

    public var database: URL { folder.appendingPathComponent("PyPI-all.zip") }
    var metadataFile: URL { folder.appendingPathComponent("PyPI-all.meta.json") }

    public func metadata() -> Metadata? {
        guard let data = try? Data(contentsOf: metadataFile) else { return nil }
        return try? JSONDecoder().decode(Metadata.self, from: data)
    }

    func writeMetadata(_ metadata: Metadata) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try Self.write(try encoder.encode(metadata), to: metadataFile)
    }

    /// Replaces the database, then its metadata; drops the indexes of earlier versions.
    func replace(with bytes: [UInt8], metadata: Metadata) throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Self.write(Data(bytes), to: database)
            try writeMetadata(metadata)
        } catch let error as OSVDatabaseError {
            throw error
        } catch {
            throw OSVDatabaseError("cannot write to \(folder.path): \(error.localizedDescription)")
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix("index-") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Writes `data` to `file` atomically.
    static func write(_ data: Data, to file: URL) throws {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(file.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw OSVDatabaseError("cannot write \(file.path): the folder is not writable")
        }
        let descriptor = open(temporary.path, O_RDONLY)
        if descriptor >= 0 { fsync(descriptor); close(descriptor) }
        if rename(temporary.path, file.path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw OSVDatabaseError("cannot write \(file.path): \(reason)")
        }
    }
}
