import Foundation

/// Where a path really leads: its symbolic links followed one by one to the file they name, as
/// `sed -i --follow-symlinks` and editors do, so a write replaces that file and keeps the links.
struct SymlinkChain {
    /// The path as the user (or an including file) named it.
    let named: String
    /// The final path, which is not a symbolic link; it may not exist (a new file).
    let target: String
    /// Every link on the way, `named` first.
    let links: [String]

    /// Linux's own limit of links followed in one path resolution.
    static let maxLinks = 40

    static func resolve(_ path: String) throws(FileWriteError) -> SymlinkChain {
        var current = path
        var links: [String] = []
        while true {
            var info = stat()
            if lstat(current, &info) != 0 {
                // A missing final target behind a link is a dangling link; a missing path named directly is a new file.
                if !links.isEmpty { throw .danglingLink(named: path, target: current) }
                return SymlinkChain(named: path, target: current, links: [])
            }
            guard info.st_mode & S_IFMT == S_IFLNK else { return SymlinkChain(named: path, target: current, links: links) }
            if links.count >= maxLinks { throw .linkLoop(named: path) }
            links.append(current)
            guard let destination = readLink(current) else { throw .danglingLink(named: path, target: current) }
            let folder = directory(of: current)
            current = destination.hasPrefix("/") || folder == "." ? destination : folder + "/" + destination
        }
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func lastComponent(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }
}
