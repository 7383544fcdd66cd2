import PythonPackaging

/// Poetry's dependency tables: `[tool.poetry.dependencies]`, the legacy `dev-dependencies` and
/// `[tool.poetry.group.<name>.dependencies]`. Each key is a package; its value a constraint
/// (`"^2.0"`), a table (`{version = "^2.0", extras = […], markers = "…", python = "^3.9"}`, or a
/// `git`/`path`/`url` source) or a list of such tables (one per environment).
struct PoetryDeclarations {
    let map: TOMLSourceMap
    let path: String

    func read(_ poetry: LockTOMLTable, into file: inout DeclarationFile) {
        if let main = poetry.table("dependencies") {
            read(main, section: ["tool", "poetry", "dependencies"], list: "tool.poetry.dependencies", into: &file)
        }
        if let dev = poetry.table("dev-dependencies") {
            read(dev, section: ["tool", "poetry", "dev-dependencies"], list: "tool.poetry.dev-dependencies", into: &file)
        }
        if let groups = poetry.table("group") {
            for group in groups.keys {
                guard let dependencies = groups.table(group)?.table("dependencies") else { continue }
                read(dependencies, section: ["tool", "poetry", "group", group, "dependencies"],
                     list: "tool.poetry.group.\(group).dependencies", into: &file)
            }
        }
    }

    private func read(_ table: LockTOMLTable, section: [String], list: String, into file: inout DeclarationFile) {
        for name in table.keys where name.lowercased() != "python" {
            guard let value = table[name] else { continue }
            let line = map.key(name, in: section)?.line ?? map.header(section) ?? 1
            let variants = value.array?.compactMap(\.table).map(LockTOMLValue.table) ?? [value]
            for variant in variants {
                switch requirement(name: name, value: variant) {
                case .success(let text): file.declare(text, line: line, in: list, origin: .pyproject)
                case .failure(let message):
                    file.findings.append(Finding(rule: .parseError, location: SourceLocation(file: path, line: line),
                                                 message: "\(name) in [\(section.joined(separator: "."))] of \(path): \(message)."))
                }
            }
        }
    }

    struct Unreadable: Error { var message: String }

    /// The PEP 508 text of one Poetry declaration.
    func requirement(name: String, value: LockTOMLValue) -> Result<String, Unreadable> {
        var constraint: String?
        var extras: [String] = []
        var markers: [String] = []
        var url: String?
        if let text = value.string {
            constraint = text
        } else if let table = value.table {
            constraint = table.string("version")
            extras = table.strings("extras")
            if let marker = table.string("markers") { markers.append(marker) }
            if let python = table.string("python") {
                guard let marker = PoetryConstraint.pythonMarker(python) else {
                    return .failure(Unreadable(message: "`python = \"\(python)\"` is not a Poetry constraint"))
                }
                markers.append(marker)
            }
            if let git = table.string("git") {
                let ref = table.string("rev") ?? table.string("tag") ?? table.string("branch")
                url = "git+" + git + (ref.map { "@" + $0 } ?? "")
            } else if let direct = table.string("url") ?? table.string("path") {
                url = direct.contains("://") ? direct : "file:" + direct
            }
        } else {
            return .failure(Unreadable(message: "the value is neither a constraint nor a table"))
        }
        var text = name
        if !extras.isEmpty { text += "[" + extras.joined(separator: ",") + "]" }
        if let url {
            text += " @ " + url
        } else if let constraint {
            guard let alternatives = PoetryConstraint.translate(constraint) else {
                return .failure(Unreadable(message: "`\(constraint)` is not a Poetry version constraint"))
            }
            // PEP 440 has no "or": alternatives (`^1.0 || ^2.0`) declare the package without a bound.
            if alternatives.count == 1 { text += alternatives[0] }
        }
        if !markers.isEmpty {
            text += " ; " + (markers.count == 1 ? markers[0] : markers.map { "(\($0))" }.joined(separator: " and "))
        }
        return .success(text)
    }
}
