/// Lexical path arithmetic for paths as the user types them (no file-system access).
public enum SourcePath {
    /// The folder part of a path ("" for a bare file name), like `os.path.dirname`.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// `os.path.join` followed by `os.path.normpath`.
    public static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") || base.isEmpty { return normalize(relative) }
        return normalize(base + "/" + relative)
    }

    /// `os.path.normpath`: drops `.` and empty segments, resolves `..` lexically.
    public static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = parts.last, last != ".." { parts.removeLast(); continue }
                if absolute { continue }
            }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` relative to `directory` when it lies inside it; otherwise `path` unchanged.
    public static func relative(_ path: String, to directory: String) -> String {
        let p = normalize(path), d = normalize(directory)
        guard p.hasPrefix("/"), d.hasPrefix("/") else { return p }
        if p == d { return "." }
        let prefix = d == "/" ? "/" : d + "/"
        return p.hasPrefix(prefix) ? String(p.dropFirst(prefix.count)) : p
    }
}
