import Foundation

/// A file's new content written, synced and given its mode, owner and group in a temporary file
/// beside the file it replaces (same folder, so the final rename is atomic), waiting to be renamed.
struct StagedFile {
    let chain: SymlinkChain
    /// The temporary file in the target's folder.
    let temporary: String
    /// What the target held when pinaudit read it (nil: a new file, or a report that replaces whatever is there).
    let expected: [UInt8]?
    /// The target's device and inode when it was staged (nil for a new file).
    let identity: (device: UInt64, inode: UInt64)?

    /// Checks the target and writes `contents` beside it. `boundary` nil: any target (a report the user named).
    static func stage(_ path: String, contents: [UInt8], expected: [UInt8]?, boundary: WriteBoundary?) throws(FileWriteError) -> StagedFile {
        let chain = try SymlinkChain.resolve(path)
        let target = chain.target
        var info = stat()
        let exists = lstat(target, &info) == 0
        if exists {
            if let reason = DiskReader.notRegular(info.st_mode) { throw .notRegularFile(named: path, reason: reason) }
            if let boundary, !chain.links.isEmpty, !boundary.admits(target) {
                throw .outsideBoundary(named: path, target: target, roots: boundary.roots)
            }
            if info.st_nlink > 1 { throw .severalHardLinks(named: path, target: target, links: Int(info.st_nlink)) }
            // Renaming needs only the folder to be writable; pinaudit also wants the file to be, as an editor would.
            if info.st_mode & S_IWUSR == 0 || access(target, W_OK) != 0 { throw .readOnly(named: path, target: target) }
            if let expected, (try? DiskReader.readRegularFile(target, limit: Int.max)) != expected {
                throw .changedSinceRead(named: path, target: target)
            }
        } else if expected != nil {
            // It was read, so it existed: someone removed it since.
            throw .changedSinceRead(named: path, target: target)
        }

        let folder = SymlinkChain.directory(of: target)
        let temporary = folder + "/." + SymlinkChain.lastComponent(of: target) + ".pinaudit-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        // A replacement starts private and gets the target's mode once its owner and group are set;
        // a new file is created with 0666 and the umask decides, as any program's new file.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, exists ? 0o600 : 0o666)
        if fd < 0 { throw .cannotWrite(named: path, target: target, reason: DiskReader.reason(errno)) }
        var failure: Int32 = 0
        if !writeAll(contents, to: fd) { failure = errno }
        if failure == 0, exists, let mode = keepOwnership(fd, like: info) {
            if fchmod(fd, mode) != 0 { failure = errno }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure != 0 {
            unlink(temporary)
            throw .cannotWrite(named: path, target: target, reason: String(cString: strerror(failure)))
        }
        let identity = exists ? (device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) : nil
        return StagedFile(chain: chain, temporary: temporary, expected: expected, identity: identity)
    }

    /// Gives the temporary file the target's owner and group where the process may, and returns
    /// the mode to set: the target's permission bits (never set-user-ID or set-group-ID), without
    /// the group's bits when the group could not be kept, so no other group gains the target's access.
    private static func keepOwnership(_ fd: Int32, like target: stat) -> mode_t? {
        if fchown(fd, target.st_uid, target.st_gid) != 0 { _ = fchown(fd, uid_t.max, target.st_gid) }
        var now = stat()
        guard fstat(fd, &now) == 0 else { return nil }
        var mode = target.st_mode & 0o777
        if now.st_gid != target.st_gid { mode &= ~0o070 }
        return mode
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Whether the target is still what pinaudit read: same file, same bytes.
    func targetUnchanged() -> Bool {
        var info = stat()
        let exists = lstat(chain.target, &info) == 0
        guard let identity else { return !exists || expected == nil }
        guard exists, UInt64(info.st_dev) == identity.device, UInt64(info.st_ino) == identity.inode else { return false }
        guard let expected else { return true }
        return (try? DiskReader.readRegularFile(chain.target, limit: Int.max)) == expected
    }

    /// Renames the temporary file over the target and syncs the folder, so the rename survives a crash.
    func commit() throws(FileWriteError) {
        if rename(temporary, chain.target) != 0 {
            let reason = DiskReader.reason(errno)
            discard()
            throw .cannotWrite(named: chain.named, target: chain.target, reason: reason)
        }
        let folder = open(SymlinkChain.directory(of: chain.target), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 { fsync(folder); close(folder) }
    }

    func discard() { unlink(temporary) }
}
