import Foundation

/// The index settings of one pip configuration file (INI; `[global]` then `[install]`, the
/// later overriding). Values may continue on indented lines, as `extra-index-url` often does.
struct PipConfigFile: Hashable {
    var indexURL: String?
    var extraIndexURLs: [String] = []

    init(text: String) {
        var section = ""
        var sections: [String: [String: String]] = [:]
        var lastKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if let first = line.first, first == " " || first == "\t", let key = lastKey {
                sections[section, default: [:]][key, default: ""] += "\n" + trimmed
                continue
            }
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                section = String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces).lowercased()
                lastKey = nil
                continue
            }
            guard let separator = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            // pip treats `index_url` and `index-url` alike.
            let key = trimmed[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
                .replacingOccurrences(of: "_", with: "-")
            let value = trimmed[trimmed.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            sections[section, default: [:]][key] = value
            lastKey = key
        }
        for name in ["global", "install"] {
            guard let values = sections[name] else { continue }
            if let index = values["index-url"]?.trimmingCharacters(in: .whitespacesAndNewlines), !index.isEmpty {
                indexURL = index
            }
            if let extras = values["extra-index-url"] {
                extraIndexURLs = PipConfigFile.urlList(extras)
            }
        }
    }

    /// A whitespace-separated URL list (pip's form for `extra-index-url` and `PIP_EXTRA_INDEX_URL`).
    static func urlList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r\n" }).map(String.init)
    }

    /// The configuration files pip reads, lowest precedence first: system, user (legacy, then
    /// XDG), then `PIP_CONFIG_FILE`. `PIP_CONFIG_FILE=/dev/null` turns them all off, as in pip.
    static func searchPaths(environment: [String: String], systemPaths: [String]) -> [String] {
        if let file = environment["PIP_CONFIG_FILE"], file == "/dev/null" { return [] }
        var paths = systemPaths
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if let home { paths.append(home + "/.pip/pip.conf") }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            paths.append(xdg + "/pip/pip.conf")
        } else if let home {
            paths.append(home + "/.config/pip/pip.conf")
        }
        if let file = environment["PIP_CONFIG_FILE"], !file.isEmpty { paths.append(file) }
        return paths
    }
}
