import Foundation

/// The folders `plan --apply` may write in when a symbolic link leads elsewhere: the working
/// directory, the repository it is in (the nearest folder above it that holds `.git`), and the
/// folder of the path as named. A link into `/etc` or another user's home is refused, so a file
/// from a pull request cannot make pinaudit write outside the project.
struct WriteBoundary {
    /// Real paths (every link resolved) of the allowed folders.
    let roots: [String]

    static func forInputFile(named path: String, workingDirectory: String = FileManager.default.currentDirectoryPath) -> WriteBoundary {
        var roots: [String] = []
        if let cwd = realPath(workingDirectory) {
            roots.append(repositoryRoot(above: cwd) ?? cwd)
        }
        if let folder = realPath(SymlinkChain.directory(of: path)), !roots.contains(where: { contains(root: $0, folder) }) {
            roots.append(folder)
        }
        return WriteBoundary(roots: roots)
    }

    /// Whether the file at `target` (an existing folder's entry) lies inside one of the roots.
    func admits(_ target: String) -> Bool {
        guard let folder = Self.realPath(SymlinkChain.directory(of: target)) else { return false }
        return roots.contains { Self.contains(root: $0, folder) }
    }

    static func contains(root: String, _ folder: String) -> Bool {
        root == "/" || folder == root || folder.hasPrefix(root + "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func repositoryRoot(above folder: String) -> String? {
        var current = folder
        while true {
            var info = stat()
            if lstat(current + "/.git", &info) == 0 { return current }
            if current == "/" { return nil }
            current = SymlinkChain.directory(of: current)
        }
    }
}
