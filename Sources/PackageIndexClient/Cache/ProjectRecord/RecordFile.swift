import Foundation
import PinAuditCore

/// A record on disk: a file line is read when asked for. The descriptor the prefix was read
/// through is kept for the first such read (an audit reads one line of each project), while the
/// process has descriptors to spare; later reads open the file again. A record replaced since
/// its prefix was read (another run refreshed it; writes are atomic renames) no longer has the
/// same prefix; the release's files then come from the new record.
final class RecordFile: RecordLines, @unchecked Sendable {
    let path: String
    let index: String
    let urls: CacheURLCodec
    let identity: Data
    private let lock = NSLock()
    private var kept: Int32?

    /// Takes `descriptor` (open on the record at `path`) when it may be kept (see `keepsDescriptor`).
    init(path: String, index: String, identity: Data, descriptor: Int32) {
        self.path = path
        self.index = index
        urls = CacheURLCodec(indexURL: index)
        self.identity = identity
        if KeptDescriptors.shared.reserve() { kept = descriptor }
    }

    var keepsDescriptor: Bool { lock.withLock { kept != nil } }

    deinit {
        if let kept { close(kept); KeptDescriptors.shared.release() }
    }

    func line(_ range: Range<Int>, ofRelease version: String) -> [ReleaseFile]? {
        if let bytes = read(range) { return ProjectRecordReader.decodeFiles(bytes, urls: urls) }
        return ProjectRecordReader.read(path: path, index: index).record?.value.releases.first { $0.version == version }?.files
    }

    func digests(_ range: Range<Int>, ofRelease version: String) -> [SHA256Digest?]? {
        if let bytes = read(range) { return ProjectRecordReader.decodeDigests(bytes) }
        return ProjectRecordReader.read(path: path, index: index).record?.value.releases.first { $0.version == version }?.digests
    }

    /// The bytes at `range` of the record whose prefix was read; nil when the file was replaced.
    private func read(_ range: Range<Int>) -> Data? {
        if let descriptor = lock.withLock({ () -> Int32? in defer { kept = nil }; return kept }) {
            // The same open file as the prefix: no need to compare prefixes.
            defer { close(descriptor); KeptDescriptors.shared.release() }
            guard let bytes = ProjectRecordReader.readBytes(descriptor, at: range.lowerBound, count: range.count),
                  bytes.count == range.count else { return nil }
            return bytes
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        guard ProjectRecordReader.readBytes(descriptor, at: 0, count: identity.count) == identity,
              let bytes = ProjectRecordReader.readBytes(descriptor, at: range.lowerBound, count: range.count), bytes.count == range.count else { return nil }
        return bytes
    }
}
