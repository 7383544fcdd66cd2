import Foundation
import PinAuditCore
import PythonPackaging

/// The compact per-package index of a local OSV database, built once per database version and
/// kept in the cache folder, so a run reads only the packages it asks about.
///
/// Layout (text header, then a body of JSON arrays):
///
///     pinaudit-osv-index 1
///     advisories 2661
///     withdrawn 10
///     modified 2024-10-09T12:00:00Z
///     package <canonical name> <offset> <length>     (one line per package; offsets into the body)
///     <empty line>
///     <body: for each package, a JSON array of its advisories in compact form>
///
/// Withdrawn advisories are counted and left out; `versions` are stored as comparison keys.
public struct OSVDatabaseIndex: Sendable {
    static let magic = "pinaudit-osv-index 1"

    /// What `pinaudit db status` shows.
    public struct Summary: Hashable, Sendable {
        /// Advisories read, withdrawn ones included.
        public var advisories: Int
        public var withdrawn: Int
        /// Distinct PyPI packages named.
        public var packages: Int
        /// The latest `modified` date of any advisory: how recent the data is.
        public var latestModified: String?
    }

    public let summary: Summary
    /// The whole serialized index (memory-mapped when read from a file: only the pages of the
    /// header and of the packages looked up are read from disk).
    private let data: Data
    /// Where each package's entries are in `data`.
    private let slices: [String: Range<Int>]

    /// The advisories that name `package` (canonical), not withdrawn.
    public func advisories(for package: String) -> [OSVAdvisory] {
        guard let range = slices[package], range.upperBound <= data.count,
              let value = try? JSONParser.parse(data.subdata(in: range)) else { return [] }
        return (value.array ?? []).compactMap { OSVAdvisoryDecoder.fromCompact($0, package: package) }
    }

    /// The vulnerabilities of `package` at `version`: every advisory that affects it.
    public func vulnerabilities(package: String, version: String) -> [Vulnerability] {
        guard slices[package] != nil else { return [] }
        guard let parsed = Version.parse(version) else { return [] }
        return advisories(for: package).compactMap { $0.vulnerability(package: package, version: parsed) }
    }

    // MARK: - Building

    /// Builds the index of a database: a ZIP of OSV JSON files, or a folder holding them (at any depth).
    public static func build(from source: URL) throws -> (index: OSVDatabaseIndex, bytes: [UInt8]) {
        var advisories: [OSVAdvisory] = []
        for (name, content) in try documents(at: source) {
            advisories.append(try OSVAdvisoryDecoder.advisory(content, source: name))
        }
        return build(advisories)
    }

    /// The index of `advisories` and its serialized form.
    static func build(_ advisories: [OSVAdvisory]) -> (index: OSVDatabaseIndex, bytes: [UInt8]) {
        var byPackage: [String: [OSVAdvisory]] = [:]
        var withdrawn = 0
        var latest: String?
        var named: Set<String> = []
        for advisory in advisories {
            if let modified = advisory.modified, latest.map({ modified > $0 }) ?? true { latest = modified }
            named.formUnion(advisory.packages)
            if advisory.withdrawn != nil { withdrawn += 1; continue }
            for package in advisory.packages.sorted() { byPackage[package, default: []].append(advisory) }
        }
        var body: [UInt8] = []
        var header = Self.magic + "\nadvisories \(advisories.count)\nwithdrawn \(withdrawn)\npackages \(named.count)\n"
        if let latest { header += "modified \(latest)\n" }
        for package in byPackage.keys.sorted() {
            let list = byPackage[package]!.sorted { $0.id < $1.id }
            let text = PinAuditCore.JSONValue.array(list.map { OSVAdvisoryDecoder.compact($0, package: package) }).rendered(pretty: false)
            let start = body.count
            body.append(contentsOf: text.utf8)
            header += "package \(package) \(start) \(body.count - start)\n"
        }
        let bytes = Array((header + "\n").utf8) + body
        // The serialized form reads back to the same index.
        return (try! load(Data(bytes)), bytes)
    }

    /// Reads a serialized index.
    public static func load(_ bytes: [UInt8]) throws -> OSVDatabaseIndex { try load(Data(bytes)) }

    /// Reads a serialized index (`data` may be memory-mapped).
    public static func load(_ data: Data) throws -> OSVDatabaseIndex {
        // The header ends at the first empty line.
        let headerEnd: Int? = data.withUnsafeBytes { raw -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count > 1 else { return nil }
            for i in 1..<bytes.count where bytes[i] == 10 && bytes[i - 1] == 10 { return i }
            return nil
        }
        guard let headerEnd else { throw OSVDatabaseError("the database index is cut short") }
        let lines = String(decoding: data.prefix(headerEnd), as: UTF8.self).split(separator: "\n")
        let bodyStart = data.startIndex + headerEnd + 1
        guard lines.first == Substring(magic) else { throw OSVDatabaseError("the database index has an unknown format") }
        var summary = Summary(advisories: 0, withdrawn: 0, packages: 0, latestModified: nil)
        var slices: [String: Range<Int>] = [:]
        let bodyCount = data.endIndex - bodyStart
        for line in lines.dropFirst() {
            let parts = line.split(separator: " ")
            switch (parts.first, parts.count) {
            case ("advisories", 2): summary.advisories = Int(parts[1]) ?? 0
            case ("withdrawn", 2): summary.withdrawn = Int(parts[1]) ?? 0
            case ("packages", 2): summary.packages = Int(parts[1]) ?? 0
            case ("modified", 2): summary.latestModified = String(parts[1])
            case ("package", 4):
                guard let start = Int(parts[2]), let length = Int(parts[3]), start >= 0, length >= 0, start + length <= bodyCount else {
                    throw OSVDatabaseError("the database index is damaged (package \(parts[1]))")
                }
                slices[String(parts[1])] = bodyStart + start..<bodyStart + start + length
            default: throw OSVDatabaseError("the database index is damaged (\"\(line)\")")
            }
        }
        return OSVDatabaseIndex(summary: summary, data: data, slices: slices)
    }

    /// The OSV JSON documents of a database, by member or file name.
    static func documents(at source: URL) throws -> [(name: String, content: [UInt8])] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory) else {
            throw OSVDatabaseError("\(source.path) does not exist")
        }
        if isDirectory.boolValue {
            guard let walker = FileManager.default.enumerator(atPath: source.path) else {
                throw OSVDatabaseError("\(source.path) cannot be listed")
            }
            var out: [(String, [UInt8])] = []
            for case let relative as String in walker where relative.hasSuffix(".json") {
                let url = source.appendingPathComponent(relative)
                guard let data = try? Data(contentsOf: url) else { throw OSVDatabaseError("\(url.path) cannot be read") }
                out.append((relative, Array(data)))
            }
            return out.sorted { $0.0 < $1.0 }
        }
        do {
            return try ZipArchiveFile(contentsOf: source).jsonMembers()
        } catch let error as ZipFormatError {
            throw OSVDatabaseError("\(source.path) is not a readable ZIP of OSV JSON files (\(error.description))")
        }
    }
}
