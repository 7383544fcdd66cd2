import Foundation
import PinAuditCore

/// Reads source files from the disk for the pure parsers; paths relative to the working directory.
/// Only regular files are read: a FIFO or a device (`/dev/zero`) is refused before any byte is read,
/// so it can neither block the run nor fill its memory, and no file is read past `maxFileSize`.
struct DiskReader: RunFileSystem {
    /// The default size limit of one input file.
    static let defaultMaxFileSize = FileSizeLimit.defaultLimit

    /// Files larger than this are refused rather than read into memory. Process-wide: every
    /// command reads through this type, and `--max-file-size` (or `PINAUDIT_MAX_FILE_SIZE`) sets it.
    nonisolated(unsafe) static var maxFileSize = defaultMaxFileSize

    /// What every file read so far held, so `plan --apply` can tell a file changed since it was parsed.
    static let ledger = ReadLedger()

    struct ReadError: Error, CustomStringConvertible { var description: String }

    func read(_ path: String) throws -> [UInt8] {
        let bytes = try Self.readRegularFile(path, limit: Self.maxFileSize)
        Self.ledger.record(path, bytes)
        return bytes
    }

    /// The bytes of the regular file at `path` (symbolic links followed), refusing anything else.
    static func readRegularFile(_ path: String, limit: Int) throws -> [UInt8] {
        // O_NONBLOCK: opening a FIFO without a writer must not wait; regular files ignore it.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { throw ReadError(description: reason(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ReadError(description: reason(errno)) }
        if let kind = notRegular(info.st_mode) { throw ReadError(description: kind) }
        if Int(info.st_size) > limit { throw tooLarge(Int(info.st_size), limit: limit, growing: false) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadError(description: reason(errno))
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            // The file may grow while it is read (a log, a file being written): stop at the limit.
            if bytes.count > limit { throw tooLarge(bytes.count, limit: limit, growing: true) }
        }
        return bytes
    }

    /// Why a file of this mode is not read, or nil for a regular file.
    static func notRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a directory"
        case S_IFIFO: return "it is a named pipe (FIFO), not a file; pinaudit reads only regular files, so it does not wait for a writer: save the content to a file and name that file"
        case S_IFCHR, S_IFBLK: return "it is a device, not a file; pinaudit reads only regular files: save the content to a file and name that file"
        case S_IFSOCK: return "it is a socket, not a file; pinaudit reads only regular files"
        default: return "it is not a regular file"
        }
    }

    static func tooLarge(_ size: Int, limit: Int, growing: Bool) -> ReadError {
        ReadError(description: "it is \(growing ? "at least " : "")\(FileSizeLimit.describe(size)), above the limit of \(FileSizeLimit.describe(limit)) for one input file; if the file is genuine, raise the limit with --max-file-size or PINAUDIT_MAX_FILE_SIZE")
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "it is a symbolic link loop (too many levels of symbolic links): fix the link"
        case ENOTDIR: return "a folder in its path is not a folder"
        case ENAMETOOLONG: return "the path is too long"
        default: return String(cString: strerror(code))
        }
    }

    func exists(_ path: String) -> Bool {
        var info = stat()
        // A symbolic link loop "exists" so that reading it reports the loop instead of "no such file".
        return stat(path, &info) == 0 || errno == ELOOP
    }

    var currentDirectory: String { FileManager.default.currentDirectoryPath }

    func contentsOfDirectory(_ path: String) -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: path.isEmpty ? "." : path)
    }

    func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }
}
