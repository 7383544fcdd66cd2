import Foundation
import PinAuditCore

/// The cache folder's `osv-db/` folder: the database (`PyPI-all.zip`), what the last update
/// learnt (`PyPI-all.meta.json`) and the indexes (`index-<key>.v1`). Writes are atomic: a
/// temporary file in the folder, then a rename, so a reader sees the old file or the new one.
public struct OSVDatabaseStore: Sendable {
    public struct Metadata: Sendable, Equatable {
        public var url: String
        public var etag: String?
        public var lastModified: String?
        /// When the last update ran (ISO 8601).
        public var fetched: String?

        public init(url: String, etag: String? = nil, lastModified: String? = nil, fetched: String? = nil) {
            self.url = url; self.etag = etag; self.lastModified = lastModified; self.fetched = fetched
        }

        /// The metadata file's JSON: `url`, and `etag`, `last_modified` and `fetched` when known.
        var json: JSONValue {
            var members: JSONObject = [("url", .string(url))]
            if let etag { members.append("etag", .string(etag)) }
            if let lastModified { members.append("last_modified", .string(lastModified)) }
            if let fetched { members.append("fetched", .string(fetched)) }
            return .object(members)
        }

        /// The metadata of a metadata file's JSON; nil without a `url` string, or with a member of another type.
        init?(json value: JSONValue) {
            guard let url = value["url"]?.string else { return nil }
            var optionals: [String?] = []
            for key in ["etag", "last_modified", "fetched"] {
                guard let member = value[key], !member.isNull else { optionals.append(nil); continue }
                guard let text = member.string else { return nil }
                optionals.append(text)
            }
            self.init(url: url, etag: optionals[0], lastModified: optionals[1], fetched: optionals[2])
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
        return (try? JSONParser.parse(data)).flatMap(Metadata.init(json:))
    }

    func writeMetadata(_ metadata: Metadata) throws {
        try Self.write(Data(metadata.json.rendered(.prettySorted).utf8), to: metadataFile)
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
