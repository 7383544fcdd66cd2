import PythonPackaging

/// Reads `pdm.lock`, lock_version 4.x: 4.0 keeps hashes in `[metadata.files]` keyed `"name version"`;
/// 4.5 keeps them in each package's `files`, with `groups` and (with `inherit_metadata`) a `marker`.
///
/// Extracts per package: name, version, extras (PDM locks `coverage[toml]` as its own entry),
/// marker, groups, file hashes, the source (`path`, `url`, `git` + `revision`, `editable`) and the
/// `dependencies` edges (PEP 508 strings).
enum PDMLockParser {
    static func parse(path: String, text: String, root: LockTOMLTable) -> LockfileReading {
        let metadata = root.table("metadata")
        let lockVersion = metadata?.text("lock_version")
        guard let lockVersion, LockfileParser.major(lockVersion) == 4 else {
            return LockfileParser.unsupported(path: path, kind: .pdm, found: lockVersion,
                                              line: LockfileLineIndex.firstLine(startingWith: "lock_version", in: text))
        }
        var builder = LockfileBuilder(path: path, kind: .pdm, formatVersion: lockVersion)
        builder.recordsGraph()
        let legacyFiles = metadata?.table("files")

        for package in root.tables("package") {
            let line = max(package.line, 1)
            guard let name = package.string("name") else {
                builder.add(Finding(rule: .parseError, location: builder.location(line),
                                    message: "A package in \(path) has no name; re-lock with PDM."))
                continue
            }
            let version = package.text("version")
            var files = package.tables("files")
            if files.isEmpty, let legacyFiles, let version {
                files = legacyFiles.tables("\(name) \(version)")
                if files.isEmpty { files = legacyFiles.tables("\(PackageName.canonicalize(name)) \(version)") }
            }
            let hashes = files.compactMap { $0.string("hash") }.map(LockfileParser.normalizedHash)

            var url: String?
            var isLocal = false
            if let git = package.string("git") {
                let revision = package.string("revision")
                url = "git+" + git + (revision.map { "@" + $0 } ?? "")
                isLocal = revision != nil
            } else if let local = package.string("path") {
                url = local; isLocal = true
            } else if let direct = package.string("url") {
                url = direct
            }
            builder.addPackage(name: name, version: version, markerText: package.string("marker"),
                               extras: package.strings("extras"), hashes: hashes, line: line, url: url,
                               editable: package.bool("editable") ?? false, isLocal: isLocal,
                               groups: package.strings("groups"))
            for requirement in package.strings("dependencies") {
                if let edge = builder.dependency(requirementText: requirement, line: line) {
                    builder.addDependency(of: name, edge)
                }
            }
        }
        return builder.build()
    }
}
