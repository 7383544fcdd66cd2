import Foundation

/// The one place pinaudit writes files: `plan --apply`'s rewrites of requirements and included
/// files (and of every input kind added later: pyproject.toml, Pipfile go through here too) and the
/// `--output` report. Several files are replaced all or nothing:
///
/// 1. every file is resolved through its symbolic links and checked (a dangling link, a target
///    outside the boundary, several hard links, a read-only file, a file that changed since it was
///    read), and its new content is written and synced in a temporary file beside it;
/// 2. if any of that fails, every temporary file is removed and no file is touched;
/// 3. just before renaming, every target is compared again with what was read; one that changed
///    stops the whole batch the same way;
/// 4. the temporary files are renamed over their targets one by one; if a rename fails, the files
///    already replaced get their old content back (written the same way), so nothing is lost.
struct FileReplacementBatch {
    struct Replacement {
        /// The path as named (by the user, or by the file that includes it).
        var path: String
        /// What pinaudit read and based the new content on; nil when whatever is there may be replaced.
        var expected: [UInt8]?
        var contents: [UInt8]
    }

    var replacements: [Replacement] = []
    /// Confine targets reached through symbolic links to a `WriteBoundary` (input files); false for a report.
    var confined = true
    /// Runs after every file is staged and before the targets are compared again (tests change a file here).
    var beforeCommit: () -> Void = {}

    /// What happened to each path: its final target (the path itself unless it was a link).
    struct Outcome {
        var named: String
        var target: String
    }

    func commit() throws(FileWriteError) -> [Outcome] {
        var staged: [StagedFile] = []
        func discardAll() { staged.forEach { $0.discard() } }
        for replacement in replacements {
            let boundary = confined ? WriteBoundary.forInputFile(named: replacement.path) : nil
            do {
                staged.append(try StagedFile.stage(replacement.path, contents: replacement.contents,
                                                   expected: replacement.expected, boundary: boundary))
            } catch {
                discardAll()
                throw error
            }
        }
        beforeCommit()
        if let changed = staged.first(where: { !$0.targetUnchanged() }) {
            discardAll()
            throw .changedSinceRead(named: changed.chain.named, target: changed.chain.target)
        }
        for (index, file) in staged.enumerated() {
            do {
                try file.commit()
            } catch {
                staged[(index + 1)...].forEach { $0.discard() }
                restore(staged[..<index])
                throw error
            }
        }
        return staged.map { Outcome(named: $0.chain.named, target: $0.chain.target) }
    }

    /// Puts back the old content of files already replaced (best effort: the rename that failed
    /// is rare, in a folder pinaudit has just written to).
    private func restore(_ replaced: ArraySlice<StagedFile>) {
        for file in replaced {
            guard let old = file.expected,
                  let again = try? StagedFile.stage(file.chain.target, contents: old, expected: nil, boundary: nil) else { continue }
            try? again.commit()
        }
    }

    /// Writes a report the user named with `--output`: through links, atomically, keeping the mode
    /// of a file it replaces and the umask for a new one.
    static func writeReport(_ text: String, to path: String) throws(FileWriteError) {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG, info.st_mode & S_IFMT != S_IFDIR {
            try writeDirectly(text, to: path)
            return
        }
        let batch = FileReplacementBatch(replacements: [Replacement(path: path, expected: nil, contents: Array(text.utf8))], confined: false)
        _ = try batch.commit()
    }

    /// A device or a pipe named with `-o` (`/dev/stdout`, `/dev/null`, a FIFO) is written to as a
    /// shell's `>` would, not replaced. A FIFO nobody reads is an error rather than a wait.
    private static func writeDirectly(_ text: String, to path: String) throws(FileWriteError) {
        let fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let reason = errno == ENXIO ? "it is a named pipe (FIFO) that no process reads" : DiskReader.reason(errno)
            throw .cannotWrite(named: path, target: path, reason: reason)
        }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        do {
            try StandardStream.write(text, to: fd)
        } catch {
            throw .cannotWrite(named: path, target: path, reason: error.description)
        }
    }
}
