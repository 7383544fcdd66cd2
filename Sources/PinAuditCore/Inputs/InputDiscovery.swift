/// With no path given: the files every input kind claims, in the working directory and below,
/// skipping virtual environments, build output and version-control folders.
public struct InputDiscovery {
    public let fileSystem: any RunFileSystem

    public init(fileSystem: any RunFileSystem) { self.fileSystem = fileSystem }

    static let skippedFolders: Set<String> = [".git", ".hg", ".svn", "node_modules", ".venv", "venv", "env", ".tox", ".nox",
                                              "__pycache__", "build", "dist", ".build", ".mypy_cache", ".pytest_cache",
                                              "site-packages", ".eggs"]

    /// The files found, split into requirements (every kind) and constraints files.
    public func discover() -> (requirements: [String], constraints: [String]) {
        var found: [String] = []
        walk("", depth: 0, into: &found)
        let isConstraints = { (path: String) in Self.fileName(path).lowercased().hasPrefix("constraints") }
        return (found.filter { !isConstraints($0) }, found.filter(isConstraints))
    }

    private func walk(_ folder: String, depth: Int, into found: inout [String]) {
        guard depth < 8, let names = fileSystem.contentsOfDirectory(folder) else { return }
        for name in names.sorted() {
            let path = folder.isEmpty ? name : folder + "/" + name
            if fileSystem.isDirectory(path) {
                if Self.skippedFolders.contains(name) || name.hasPrefix(".build") || name.hasSuffix(".egg-info") { continue }
                if fileSystem.exists(path + "/pyvenv.cfg") { continue }
                walk(path, depth: depth + 1, into: &found)
            } else if InputKindRegistry.isDiscovered(fileName: name, inRequirementsFolder: Self.fileName(folder) == "requirements") {
                found.append(path)
            }
        }
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? ""
    }
}
