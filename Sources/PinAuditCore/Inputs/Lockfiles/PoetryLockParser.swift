import PythonPackaging

/// Reads `poetry.lock`: lock-version 1.x (hashes in `[metadata.files]`, `category`) and 2.x
/// (inline `files`, `groups`, `markers`).
///
/// Extracts per package: name, version, markers, groups (or the 1.x category), file hashes, the
/// source (`git` → `git+URL@commit`, `directory`/`file`/`url` → the path or URL) and the
/// `[package.dependencies]` edges with their markers, extras and `optional` flag.
enum PoetryLockParser {
    static func parse(path: String, text: String, root: LockTOMLTable) -> LockfileReading {
        let metadata = root.table("metadata")
        let lockVersion = metadata?.text("lock-version")
        if let lockVersion, ![1, 2].contains(LockfileParser.major(lockVersion) ?? -1) {
            return LockfileParser.unsupported(path: path, kind: .poetry, found: lockVersion,
                                              line: LockfileLineIndex.firstLine(startingWith: "lock-version", in: text))
        }
        var builder = LockfileBuilder(path: path, kind: .poetry, formatVersion: lockVersion)
        builder.recordsGraph()
        let legacyFiles = metadata?.table("files")

        for package in root.tables("package") {
            let line = max(package.line, 1)
            guard let name = package.string("name") else {
                builder.add(Finding(rule: .parseError, location: builder.location(line),
                                    message: "A package in \(path) has no name; re-lock with Poetry."))
                continue
            }
            var fileTables = package.tables("files")
            if fileTables.isEmpty, let legacyFiles {
                fileTables = legacyFiles.tables(name)
                if fileTables.isEmpty,
                   let key = legacyFiles.keys.first(where: { PackageName.canonicalize($0) == PackageName.canonicalize(name) }) {
                    fileTables = legacyFiles.tables(key)
                }
            }
            let hashes = fileTables.compactMap { $0.string("hash") }.map(LockfileParser.normalizedHash)
            var groups = package.strings("groups")
            if groups.isEmpty, let category = package.string("category") { groups = [category] }

            let source = package.table("source")
            var url: String?
            var isLocal = false
            switch source?.string("type") {
            case "git":
                let commit = source?.string("resolved_reference") ?? source?.string("reference")
                url = source?.string("url").map { "git+" + $0 + (commit.map { "@" + $0 } ?? "") }
                isLocal = commit != nil
            case "directory", "file":
                url = source?.string("url"); isLocal = true
            case "url":
                url = source?.string("url")
            default:
                break
            }
            builder.addPackage(name: name, version: package.text("version"), markerText: markers(of: package),
                               hashes: hashes, line: line, url: url, editable: package.bool("develop") ?? false,
                               isLocal: isLocal, groups: groups)
            addDependencies(of: name, package: package, line: line, to: &builder)
        }
        return builder.build()
    }

    /// `markers` is a string, or (Poetry 2 with several groups) a table of group → marker; those
    /// are joined with `or` since the package is installed when any of its groups is.
    private static func markers(of package: LockTOMLTable) -> String? {
        if let text = package.string("markers") { return text }
        guard let table = package.table("markers") else { return nil }
        let texts = Array(Set(table.keys.compactMap { table.string($0) })).sorted()
        if texts.isEmpty { return nil }
        return texts.count == 1 ? texts[0] : texts.map { "(\($0))" }.joined(separator: " or ")
    }

    /// `[package.dependencies]`: `name = "spec"`, `name = {version, markers, extras, optional}`,
    /// or an array of such tables (one per marker-selected constraint).
    private static func addDependencies(of name: String, package: LockTOMLTable, line: Int, to builder: inout LockfileBuilder) {
        guard let dependencies = package.table("dependencies") else { return }
        for key in dependencies.keys {
            let constraints = dependencies.tables(key)
            if constraints.isEmpty {
                let edge = builder.dependency(name: key, markerText: nil, line: line)
                builder.addDependency(of: name, edge)
                continue
            }
            for constraint in constraints {
                let edge = builder.dependency(
                    name: key, markerText: constraint.string("markers"), extras: constraint.strings("extras"),
                    isOptional: constraint.bool("optional") ?? false, line: line)
                builder.addDependency(of: name, edge)
            }
        }
    }
}
