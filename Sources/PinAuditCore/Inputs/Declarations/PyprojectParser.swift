import PythonPackaging

/// Reads the dependencies a `pyproject.toml` declares: PEP 621 `[project] dependencies` and
/// `optional-dependencies`, PEP 735 `[dependency-groups]` (with `{include-group = …}`),
/// `[build-system] requires`, and Poetry's `[tool.poetry.dependencies]` and
/// `[tool.poetry.group.<name>.dependencies]` (its constraints translated to PEP 440).
enum PyprojectParser {
    static func parse(path: String, text: String) -> DeclarationFile {
        var file = DeclarationFile(path: path, kind: .pyproject)
        guard let (root, map) = file.document(text) else { return file }

        if let project = root.table("project") {
            strings(project["dependencies"], key: "dependencies", section: ["project"], map: map) { text, line in
                file.declare(text, line: line, in: "project.dependencies", origin: .pyproject)
            }
            if let extras = project.table("optional-dependencies") {
                for extra in extras.keys {
                    let key = map.key(extra, in: ["project", "optional-dependencies"]) != nil ? extra : "optional-dependencies.\(extra)"
                    let section = key == extra ? ["project", "optional-dependencies"] : ["project"]
                    strings(extras[extra], key: key, section: section, map: map) { text, line in
                        file.declare(text, line: line, in: "project.optional-dependencies.\(extra)", origin: .pyproject)
                    }
                }
            }
        }
        if let groups = root.table("dependency-groups") {
            DependencyGroups(table: groups, map: map, path: path).read(into: &file)
        }
        if let build = root.table("build-system") {
            strings(build["requires"], key: "requires", section: ["build-system"], map: map) { text, line in
                file.declare(text, line: line, in: "build-system.requires", origin: .pyproject, build: true)
            }
        }
        if let poetry = root.table("tool")?.table("poetry") {
            PoetryDeclarations(map: map, path: path).read(poetry, into: &file)
        }
        return file
    }

    /// Calls `each` with every string of the array `value` (the value of `key` in `section`) and its line.
    static func strings(_ value: LockTOMLValue?, key: String, section: [String], map: TOMLSourceMap,
                        _ each: (String, Int) -> Void) {
        guard let value else { return }
        let items = value.array ?? [value]
        let found = map.key(key, in: section)
        let lines = found.map { map.literalLines(after: $0, count: stringCount(items)) } ?? []
        var next = 0
        for item in items {
            let line = next < lines.count ? lines[next] : (found?.line ?? map.header(section) ?? 1)
            next += stringCount([item])
            if let text = item.string { each(text, line) }
        }
    }

    /// How many string literals the values hold (an inline table's strings count too).
    static func stringCount(_ values: [LockTOMLValue]) -> Int {
        values.reduce(0) { count, value in
            switch value {
            case .string: count + 1
            case .scalar: count
            case .array(let items): count + stringCount(items)
            case .table(let table): count + stringCount(table.entries.map(\.value))
            }
        }
    }
}

/// PEP 735 `[dependency-groups]`: each group a list of PEP 508 strings and `{include-group = "name"}`
/// tables; includes are followed (a cycle is a `parse-error` naming the chain).
struct DependencyGroups {
    let table: LockTOMLTable
    let map: TOMLSourceMap
    let path: String

    func read(into file: inout DeclarationFile) {
        for group in table.keys {
            var seen: Set<String> = []
            expand(group, chain: [group], seen: &seen, into: &file)
        }
    }

    /// Declares the group's own requirements under `dependency-groups.<chain[0]>`, following includes.
    private func expand(_ group: String, chain: [String], seen: inout Set<String>, into file: inout DeclarationFile) {
        guard let value = table[PackageName.canonicalize(group)] ?? table[group] ?? table.keys.first(where: {
            PackageName.canonicalize($0) == PackageName.canonicalize(group) }).flatMap({ table[$0] }) else {
            let line = map.key(chain[0], in: ["dependency-groups"])?.line ?? map.header(["dependency-groups"]) ?? 1
            file.findings.append(Finding(rule: .parseError, location: SourceLocation(file: path, line: line),
                message: "Dependency group `\(chain[0])` of \(path) includes `\(group)`, which is not defined in [dependency-groups]."))
            return
        }
        guard seen.insert(PackageName.canonicalize(group)).inserted else { return }
        let items = value.array ?? []
        let found = map.key(group, in: ["dependency-groups"])
        let lines = found.map { map.literalLines(after: $0, count: PyprojectParser.stringCount(items)) } ?? []
        var next = 0
        for item in items {
            let line = next < lines.count ? lines[next] : (found?.line ?? 1)
            next += PyprojectParser.stringCount([item])
            if let text = item.string {
                // Only the group's own requirements are declared at its lines; included ones are
                // declared where their own group declares them.
                if chain.count == 1 { file.declare(text, line: line, in: "dependency-groups.\(chain[0])", origin: .pyproject) }
            } else if let include = item.table?.string("include-group") {
                if chain.map(PackageName.canonicalize).contains(PackageName.canonicalize(include)) {
                    let cycle = (chain + [include]).joined(separator: " → ")
                    file.findings.append(Finding(rule: .parseError, location: SourceLocation(file: path, line: line),
                        message: "Dependency group `\(chain[0])` of \(path) includes itself: \(cycle). Remove one of the `include-group` entries."))
                    continue
                }
                expand(include, chain: chain + [include], seen: &seen, into: &file)
            }
        }
    }
}
