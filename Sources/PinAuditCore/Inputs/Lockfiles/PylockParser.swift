import PythonPackaging

/// Reads PEP 751 `pylock.toml` / `pylock.<name>.toml`, lock-version 1.x.
///
/// Extracts per `[[packages]]`: name, version, marker, hashes of the `sdist`, `wheels` and `archive`
/// (`hashes = { sha256 = ... }` → `sha256:<hex>`), the source (`vcs` → `git+URL@commit-id`,
/// `directory` (editable or not), `archive` URL or path) and, when the lock lists them,
/// `dependencies` edges. A package from a VCS commit or a directory needs no version.
enum PylockParser {
    static func parse(path: String, text: String, root: LockTOMLTable) -> LockfileReading {
        let lockVersion = root.text("lock-version")
        guard let lockVersion, LockfileParser.major(lockVersion) == 1 else {
            return LockfileParser.unsupported(path: path, kind: .pylock, found: lockVersion,
                                              line: LockfileLineIndex.firstLine(startingWith: "lock-version", in: text))
        }
        var builder = LockfileBuilder(path: path, kind: .pylock, formatVersion: lockVersion)

        for package in root.tables("packages") {
            let line = max(package.line, 1)
            guard let name = package.string("name") else {
                builder.add(Finding(rule: .parseError, location: builder.location(line),
                                    message: "A package in \(path) has no name; regenerate the lock."))
                continue
            }
            var hashes: [String] = []
            var fileTables = package.tables("wheels")
            if let sdist = package.table("sdist") { fileTables.insert(sdist, at: 0) }
            if let archive = package.table("archive") { fileTables.append(archive) }
            for file in fileTables {
                guard let table = file.table("hashes") else { continue }
                for algorithm in table.keys.sorted() {
                    if let hex = table.string(algorithm) { hashes.append(algorithm.lowercased() + ":" + hex.lowercased()) }
                }
            }

            var url: String?
            var editable = false
            var isLocal = false
            if let vcs = package.table("vcs") {
                let commit = vcs.string("commit-id")
                let location = vcs.string("url") ?? vcs.string("path")
                url = location.map { "\(vcs.string("type") ?? "git")+\($0)" + (commit.map { "@" + $0 } ?? "") }
                isLocal = commit != nil
            } else if let directory = package.table("directory") {
                url = directory.string("path"); editable = directory.bool("editable") ?? false; isLocal = true
            } else if let archive = package.table("archive") {
                url = archive.string("url") ?? archive.string("path")
                isLocal = archive.string("path") != nil
            }
            builder.addPackage(name: name, version: package.text("version"), markerText: package.string("marker"),
                               hashes: hashes, line: line, url: url, editable: editable, isLocal: isLocal)

            if package[ "dependencies"] != nil { builder.recordsGraph() }
            for dependency in package.tables("dependencies") {
                guard let dependencyName = dependency.string("name") else { continue }
                let edge = builder.dependency(name: dependencyName, markerText: dependency.string("marker"),
                                              version: dependency.text("version"), line: line)
                builder.addDependency(of: name, edge)
            }
        }
        return builder.build()
    }
}
