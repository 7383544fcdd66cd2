import Foundation
import PinAuditCore

/// A record's header line, read member by member: byte by byte when it is as
/// `ProjectRecordWriter` writes it, through `JSONParser` otherwise.
struct ProjectRecordHeader {
    private typealias Field = ProjectRecord.HeaderField

    var index = "", name = ""
    var fetchedAtMilliseconds = -1.0
    var immutable: Bool?
    var releaseCount = -1
    var etag, lastModified, latestVersion, status, statusReason, pageURL: String?
    var projectURLs: [String: String] = [:]

    private init() {}

    init(_ line: Data) throws {
        if let scanned = line.withUnsafeBytes({ raw -> ProjectRecordHeader? in
            var scanner = ByteScanner(bytes: raw)
            return ProjectRecordHeader(scanning: &scanner)
        }) {
            self = scanned
            return
        }
        var index: String?, name: String?
        try JSONParser.read(line) { reader in
            try reader.readMembers { key, reader in
                switch Field(rawValue: key) {
                case .index?: index = try reader.readString()
                case .name?: name = try reader.readString()
                case .fetchedAtMilliseconds?: fetchedAtMilliseconds = try reader.readNumber()
                case .immutable?: immutable = try reader.readBool()
                case .releases?: releaseCount = try reader.readCount()
                case .etag?: etag = try reader.readOptionalString()
                case .lastModified?: lastModified = try reader.readOptionalString()
                case .latestVersion?: latestVersion = try reader.readOptionalString()
                case .status?: status = try reader.readOptionalString()
                case .statusReason?: statusReason = try reader.readOptionalString()
                case .pageURL?: pageURL = try reader.readOptionalString()
                case .projectURLs?:
                    try reader.readMembers { label, reader in projectURLs[label] = try reader.readString() }
                case nil: try reader.skipValue()
                }
            }
        }
        guard let index, let name, fetchedAtMilliseconds >= 0, immutable != nil, releaseCount >= 0 else {
            throw DocumentError(description: "record header lacks a field")
        }
        self.index = index
        self.name = name
    }

    /// The header as the writer writes it (its members in that order, no escapes); nil for any
    /// other, which `JSONParser` then reads.
    private init?(scanning scanner: inout ByteScanner) {
        guard scanner.take(UInt8(ascii: "{")), scanner.key(.index), let index = scanner.string() ?? nil,
              scanner.nextKey(.fetchedAtMilliseconds), let fetchedAt = scanner.count(),
              scanner.nextKey(.etag), let etag = scanner.string(),
              scanner.nextKey(.lastModified), let lastModified = scanner.string(),
              scanner.nextKey(.immutable), let immutable = scanner.bool(),
              scanner.nextKey(.name), let name = scanner.string() ?? nil,
              scanner.nextKey(.latestVersion), let latestVersion = scanner.string(),
              scanner.nextKey(.projectURLs), scanner.take(UInt8(ascii: "{")) else { return nil }
        var projectURLs: [String: String] = [:]
        if !scanner.take(UInt8(ascii: "}")) {
            repeat {
                guard let label = scanner.string() ?? nil, scanner.take(UInt8(ascii: ":")), let url = scanner.string() ?? nil else { return nil }
                projectURLs[label] = url
            } while scanner.take(UInt8(ascii: ","))
            guard scanner.take(UInt8(ascii: "}")) else { return nil }
        }
        guard scanner.nextKey(.status), let status = scanner.string(),
              scanner.nextKey(.statusReason), let statusReason = scanner.string(),
              scanner.nextKey(.pageURL), let pageURL = scanner.string(),
              scanner.nextKey(.releases), let releaseCount = scanner.count(),
              scanner.take(UInt8(ascii: "}")), scanner.atEnd else { return nil }
        self.init()
        self.index = index; self.name = name; fetchedAtMilliseconds = Double(fetchedAt); self.immutable = immutable
        self.releaseCount = releaseCount; self.etag = etag; self.lastModified = lastModified
        self.latestVersion = latestVersion; self.status = status; self.statusReason = statusReason; self.pageURL = pageURL
        self.projectURLs = projectURLs
    }
}

private extension ByteScanner {
    /// `"field":`, a header member's key.
    mutating func key(_ field: ProjectRecord.HeaderField) -> Bool {
        take(UInt8(ascii: "\"")) && take(field.rawValue.utf8) && take(UInt8(ascii: "\"")) && take(UInt8(ascii: ":"))
    }

    /// `,"field":`, the key of a member after the first.
    mutating func nextKey(_ field: ProjectRecord.HeaderField) -> Bool {
        take(UInt8(ascii: ",")) && key(field)
    }
}
