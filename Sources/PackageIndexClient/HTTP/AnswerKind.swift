import PinAuditCore

/// What an answer from the index is, which decides the largest body accepted for it.
///
/// A body over its kind's limit ends the transfer as it arrives (the bytes are counted after
/// curl decodes gzip, brotli or zstd, so a compression bomb stops at the limit too).
enum AnswerKind: Sendable, Hashable {
    /// A JSON API project document or a Simple API project page.
    case projectDocument
    /// A JSON API version document.
    case versionDocument
    /// A PEP 658 `.metadata` file.
    case coreMetadata
    /// A part of a wheel (or a whole wheel from a server that ignores `Range`).
    case wheelRange
    /// Anything else (OSV): the transport's own limit.
    case other

    /// The limit that applies; nil for `.other`.
    func maxBytes(_ limits: IndexLimits) -> Int? {
        setting.map { Int(limits[$0]) }
    }

    /// The setting that holds the limit.
    var setting: IndexLimits.Setting? {
        switch self {
        case .projectDocument: .maxProjectDocumentSize
        case .versionDocument: .maxVersionDocumentSize
        case .coreMetadata: .maxCoreMetadataSize
        case .wheelRange: .maxWheelRangeSize
        case .other: nil
        }
    }

    /// "project documents", for messages.
    var name: String {
        switch self {
        case .projectDocument: "project documents"
        case .versionDocument: "version documents"
        case .coreMetadata: "core metadata files"
        case .wheelRange: "parts of wheels"
        case .other: "answers"
        }
    }
}
