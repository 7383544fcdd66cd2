import PinAuditCore

/// How both index formats' file objects are read, member by member: of a member given twice the
/// first counts, a digest object gives its sha256, and PEP 658/714's core-metadata keys are
/// consulted in the order of `JSONAPIDecoder.coreMetadataKeys`.
struct FileMembers {
    private var coreMetadata: [Bool?] = Array(repeating: nil, count: JSONAPIDecoder.coreMetadataKeys.count)

    /// Reads a string member into `slot` unless an earlier one filled it (empty strings are nil).
    static func keepFirst(_ slot: inout String?, _ reader: inout JSONParser) throws {
        let value = try reader.readValue().nonEmptyString
        if slot == nil { slot = value }
    }

    /// Reads the sha256 of a `{algorithm: digest}` object into `slot`, skipping the other digests.
    static func keepSHA256(_ slot: inout String?, _ reader: inout JSONParser) throws {
        guard reader.peek() == UInt8(ascii: "{") else { try reader.skipValue(); return }
        try reader.readMembers { algorithm, reader in
            if algorithm == "sha256" { try keepFirst(&slot, &reader) } else { try reader.skipValue() }
        }
    }

    /// Reads `key`'s value when it is a core-metadata key and says so; false leaves it unread.
    mutating func readCoreMetadata(_ key: String, _ reader: inout JSONParser) throws -> Bool {
        guard let slot = JSONAPIDecoder.coreMetadataKeys.firstIndex(of: key) else { return false }
        let flag = JSONAPIDecoder.coreMetadataFlag(try reader.readValue())
        if coreMetadata[slot] == nil { coreMetadata[slot] = flag }
        return true
    }

    /// The first core-metadata key that said something; absent means no metadata file.
    var hasCoreMetadata: Bool { coreMetadata.lazy.compactMap { $0 }.first ?? false }
}
