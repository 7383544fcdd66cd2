/// Which files of the build context `COPY`, `ADD` and `RUN --mount=type=bind` put where in an
/// image, so a path that `pip install -r` reads can be traced back to the context.
struct BuildContextMap: Sendable {
    struct Mapping: Sendable {
        /// Context-relative sources as written (`requirements.txt`, `.`, `requirements/`, `poetry.lock*`).
        var sources: [String]
        /// Absolute destination in the image; a trailing `/` means a folder.
        var destination: String
    }

    private(set) var mappings: [Mapping] = []

    mutating func add(sources: [String], destination: String) {
        mappings.append(Mapping(sources: sources, destination: destination))
    }

    /// The context-relative file that ends up at `containerPath`, newest mapping first.
    func contextPath(of containerPath: String) -> String? {
        for mapping in mappings.reversed() {
            let destinationIsFolder = mapping.destination.hasSuffix("/") || mapping.sources.count > 1
            let destination = Self.trimmingSlashes(mapping.destination)
            let containerFolder = Self.folder(of: containerPath)
            let containerName = Self.name(of: containerPath)
            for written in mapping.sources {
                let source = Self.clean(written)
                if source.contains("*") || source.contains("?") {
                    let sourceFolder = Self.folder(of: source)
                    if containerFolder == destination, Self.glob(Self.name(of: source), matches: containerName) {
                        return sourceFolder.isEmpty ? containerName : sourceFolder + "/" + containerName
                    }
                    continue
                }
                // The source as a file.
                if !source.isEmpty {
                    if destinationIsFolder, containerPath == (destination == "/" ? "" : destination) + "/" + Self.name(of: source) { return source }
                    if !destinationIsFolder, containerPath == destination { return source }
                }
            }
            // A source as a folder whose contents land in the destination (names with a dot are taken for files).
            let prefix = destination == "/" ? "/" : destination + "/"
            guard containerPath.hasPrefix(prefix) else { continue }
            for written in mapping.sources {
                let source = Self.clean(written)
                guard !source.contains("*"), !source.contains("?"), !Self.name(of: source).contains(".") || source.isEmpty else { continue }
                let remainder = String(containerPath.dropFirst(prefix.count))
                return source.isEmpty ? remainder : source + "/" + remainder
            }
        }
        return nil
    }

    /// Whether a source copies the whole context (`.`, `./`, `*`).
    static func isWholeContext(_ source: String) -> Bool {
        let cleaned = clean(source)
        return cleaned.isEmpty || cleaned == "*"
    }

    /// `./a/b/` → `a/b`; `.` → "".
    static func clean(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        if p == "." { return "" }
        while p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }

    /// An absolute, normalized path: `path` against `folder` (`..` and `.` resolved).
    static func absolute(_ path: String, in folder: String) -> String {
        let joined = path.hasPrefix("/") ? path : folder + "/" + path
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/") + (path.hasSuffix("/") && !parts.isEmpty ? "/" : "")
    }

    static func trimmingSlashes(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// `*` and `?` wildcards over one path component.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        func match(_ i: Int, _ j: Int) -> Bool {
            if i == p.count { return j == t.count }
            if p[i] == "*" { return (j...t.count).contains { match(i + 1, $0) } }
            guard j < t.count, p[i] == "?" || p[i] == t[j] else { return false }
            return match(i + 1, j + 1)
        }
        return match(0, 0)
    }
}
