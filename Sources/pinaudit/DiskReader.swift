import Foundation
import PinAuditCore

/// Reads source files from the disk for the pure parsers; paths relative to the working directory.
struct DiskReader: SourceFileReader {
    /// Files larger than this are refused rather than read into memory.
    static let maxFileSize = 256 << 20

    struct ReadError: Error, CustomStringConvertible { var description: String }

    func read(_ path: String) throws -> [UInt8] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ReadError(description: "no such file")
        }
        if isDir.boolValue { throw ReadError(description: "it is a directory") }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ReadError(description: "permission denied") }
        defer { try? handle.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > Self.maxFileSize { throw ReadError(description: "it is larger than \(Self.maxFileSize >> 20) MiB") }
        do {
            return [UInt8](try handle.readToEnd() ?? Data())
        } catch {
            throw ReadError(description: error.localizedDescription)
        }
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}

/// Writes a file atomically: a temporary file in the same folder, then rename; keeps the mode.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/.\(url.lastPathComponent).pinaudit-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let data = Data(text.utf8)
        guard FileManager.default.createFile(atPath: tmp, contents: data) else {
            throw DiskReader.ReadError(description: "cannot write \(path): the folder is not writable")
        }
        if let attrs = try? FileManager.default.attributesOfItem(atPath: path), let mode = attrs[.posixPermissions] {
            try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: tmp)
        }
        let fd = open(tmp, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        if rename(tmp, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw DiskReader.ReadError(description: "cannot write \(path): \(reason)")
        }
    }
}
