import PythonPackaging

/// Reads `uv.lock` (version 1, any revision).
///
/// Extracts per `[[package]]`: name, version, source (`registry`, `editable`, `virtual`, `git`,
/// `path`, `directory`, `url`), sdist and wheel hashes, and the graph: `dependencies`,
/// `optional-dependencies` (edges behind an extra) and `dev-dependencies`, each edge with its
/// marker, extras and — for packages locked at several versions in forks — the version it points at.
/// A package locked at several versions gets its `resolution-markers` (joined with `or`) as marker,
/// so each entry says in which environments it applies. Direct packages are the dependencies of the
/// workspace members (`editable`/`virtual` sources and `[manifest] members`).
enum UVLockParser {
    static let supportedVersions = [1]

    static func parse(path: String, text: String, root: LockTOMLTable) -> LockfileReading {
        let version = root.text("version")
        guard let version, let major = LockfileParser.major(version), supportedVersions.contains(major) else {
            return LockfileParser.unsupported(path: path, kind: .uv, found: version,
                                              line: LockfileLineIndex.firstLine(startingWith: "version", in: text))
        }
        let revision = root.text("revision")
        var builder = LockfileBuilder(path: path, kind: .uv, formatVersion: revision.map { "\(version) (revision \($0))" } ?? version)
        builder.recordsGraph()
        let packages = root.tables("package")

        var versionsPerName: [String: Int] = [:]
        for package in packages {
            if let name = package.string("name") { versionsPerName[PackageName.canonicalize(name), default: 0] += 1 }
        }
        var members = Set(root.table("manifest")?.strings("members").map(PackageName.canonicalize) ?? [])
        var direct = Set<String>()

        for package in packages {
            let line = max(package.line, 1)
            guard let name = package.string("name") else {
                builder.add(Finding(rule: .parseError, location: builder.location(line),
                                    message: "A package in \(path) has no name; re-lock with uv."))
                continue
            }
            let canonical = PackageName.canonicalize(name)
            let source = Source(package.table("source"))
            if source.isWorkspaceMember { members.insert(canonical) }

            var hashes: [String] = []
            if let sdistHash = package.table("sdist")?.string("hash") { hashes.append(LockfileParser.normalizedHash(sdistHash)) }
            for wheel in package.tables("wheels") {
                if let hash = wheel.string("hash") { hashes.append(LockfileParser.normalizedHash(hash)) }
            }
            var marker: String?
            if versionsPerName[canonical, default: 0] > 1 {
                let forks = package.strings("resolution-markers")
                if !forks.isEmpty { marker = forks.count == 1 ? forks[0] : forks.map { "(\($0))" }.joined(separator: " or ") }
            }
            builder.addPackage(name: name, version: package.text("version"), markerText: marker, hashes: hashes,
                               line: line, url: source.url, editable: source.isEditable, isLocal: source.isLocal)

            var edges: [LockDependency] = []
            for dependency in package.tables("dependencies") {
                if let edge = edge(dependency, optional: false, line: line, builder: &builder) { edges.append(edge) }
            }
            for (key, optional) in [("optional-dependencies", true), ("dev-dependencies", false)] {
                guard let table = package.table(key) else { continue }
                for group in table.keys {
                    for dependency in table.tables(group) {
                        if let edge = edge(dependency, optional: optional, line: line, builder: &builder) { edges.append(edge) }
                    }
                }
            }
            for edge in edges { builder.addDependency(of: name, edge) }
            if source.isWorkspaceMember || members.contains(canonical) { direct.formUnion(edges.map(\.name)) }
        }
        builder.directPackages = direct.subtracting(members)
        return builder.build()
    }

    private static func edge(_ dependency: LockTOMLTable, optional: Bool, line: Int, builder: inout LockfileBuilder) -> LockDependency? {
        guard let name = dependency.string("name") else { return nil }
        return builder.dependency(name: name, markerText: dependency.string("marker"), extras: dependency.strings("extra"),
                                  version: dependency.text("version"), isOptional: optional, line: line)
    }

    /// A package's `source` inline table.
    struct Source {
        var url: String?
        var isEditable = false
        var isWorkspaceMember = false
        var isLocal = false

        init(_ table: LockTOMLTable?) {
            guard let table else { return }
            if let path = table.string("editable") {
                url = path; isEditable = true; isWorkspaceMember = true; isLocal = true
            } else if let path = table.string("virtual") {
                url = path; isWorkspaceMember = true; isLocal = true
            } else if let path = table.string("path") ?? table.string("directory") {
                url = path; isLocal = true
            } else if let git = table.string("git") {
                url = git.hasPrefix("git+") ? git : "git+" + git
                isLocal = git.contains("#")  // uv records the resolved commit after `#`
            } else if let direct = table.string("url") {
                url = direct
            }
        }
    }
}
