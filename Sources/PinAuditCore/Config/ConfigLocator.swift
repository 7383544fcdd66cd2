/// Where the command layer looks for a configuration: from the working directory upward, in each
/// directory `.pinaudit.toml` first, then `pyproject.toml` (used only when it has `[tool.pinaudit]`;
/// `ConfigurationParser.parse` returns nil otherwise). The first file that yields a configuration wins.
public enum ConfigLocator {
    public static let fileName = ".pinaudit.toml"

    /// The paths to try, nearest first. `directory` should be absolute; a relative one is walked up
    /// to its first component.
    public static func candidates(from directory: String) -> [String] {
        var parts: [String] = []
        for part in directory.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty && parts.last != ".." { parts.removeLast() } else if !directory.hasPrefix("/") { parts.append("..") }
            default: parts.append(String(part))
            }
        }
        let absolute = directory.hasPrefix("/")
        var result: [String] = []
        var level = parts
        while true {
            let base = (absolute ? "/" : "") + level.joined(separator: "/")
            let prefix = base.isEmpty ? "" : (base == "/" ? "/" : base + "/")
            result.append(prefix + fileName)
            result.append(prefix + "pyproject.toml")
            if level.isEmpty { break }
            level.removeLast()
        }
        return result
    }
}
