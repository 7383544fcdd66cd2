import PythonPackaging

/// Reads a `Pipfile`: `[packages]`, `[dev-packages]` and named categories (any other table but
/// `[[source]]`, `[requires]`, `[pipenv]` and `[scripts]`). A value is a specifier (`"*"`,
/// `"==2.0.1"`, `">=2"`) or a table (`{version = "==2.0", extras = […], markers = "…", git = …,
/// path = …, editable = true}`, and marker keys such as `sys_platform = "== 'win32'"`).
enum PipfileParser {
    static let notCategories: Set<String> = ["source", "requires", "pipenv", "scripts"]
    static let markerKeys = ["os_name", "sys_platform", "platform_machine", "platform_python_implementation",
                             "platform_release", "platform_system", "platform_version", "python_version",
                             "python_full_version", "implementation_name", "implementation_version"]

    static func parse(path: String, text: String) -> DeclarationFile {
        var file = DeclarationFile(path: path, kind: .pipfile)
        guard let (root, map) = file.document(text) else { return file }
        for category in root.keys where !notCategories.contains(category) {
            guard let table = root.table(category) else { continue }
            for name in table.keys {
                guard let value = table[name] else { continue }
                let line = map.key(name, in: [category])?.line ?? map.header([category]) ?? 1
                if let requirement = requirement(name: name, value: value) {
                    file.declare(requirement, line: line, in: category, origin: .pipfile)
                } else {
                    file.findings.append(Finding(rule: .parseError, location: SourceLocation(file: path, line: line),
                        message: "\(name) in [\(category)] of \(path) is neither a version specifier nor a table."))
                }
            }
        }
        return file
    }

    /// The PEP 508 text of one Pipfile entry, or nil.
    static func requirement(name: String, value: LockTOMLValue) -> String? {
        var text = name
        if let specifier = value.string {
            return specifier == "*" || specifier.isEmpty ? text : text + specifier
        }
        guard let table = value.table else { return nil }
        let extras = table.strings("extras")
        if !extras.isEmpty { text += "[" + extras.joined(separator: ",") + "]" }
        if let git = table.string("git") {
            let ref = table.string("ref")
            text += " @ " + (git.hasPrefix("git+") ? git : "git+" + git) + (ref.map { "@" + $0 } ?? "")
        } else if let location = table.string("file") ?? table.string("path") {
            text += " @ " + (location.contains("://") ? location : "file:" + location)
        } else if let version = table.string("version"), version != "*" {
            text += version
        }
        var markers = table.string("markers").map { [$0] } ?? []
        for key in markerKeys {
            if let condition = table.string(key) { markers.append("\(key) \(condition)") }
        }
        if !markers.isEmpty {
            text += " ; " + (markers.count == 1 ? markers[0] : markers.map { "(\($0))" }.joined(separator: " and "))
        }
        return text
    }
}
