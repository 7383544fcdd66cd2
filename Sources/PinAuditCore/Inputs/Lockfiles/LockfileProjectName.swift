import PythonPackaging

/// The name of the project a lockfile belongs to, from the `pyproject.toml` beside it.
/// Poetry and PDM never lock the root project, yet locked plugins may depend on it.
public enum LockfileProjectName {
    /// Canonical names from `[project] name` and `[tool.poetry] name` of the `pyproject.toml` in
    /// the lockfile's folder; empty when there is none or it cannot be read.
    public static func names(besideLockfile path: String, reader: SourceFileReader) -> Set<String> {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : ""
        let pyproject = folder.isEmpty ? "pyproject.toml" : folder + "/pyproject.toml"
        guard reader.exists(pyproject), let bytes = try? reader.read(pyproject) else { return [] }
        return names(pyprojectText: String(decoding: bytes, as: UTF8.self))
    }

    /// Canonical names declared by a `pyproject.toml` text.
    public static func names(pyprojectText text: String) -> Set<String> {
        guard case .success(let root) = TOMLDocumentReader.document(text) else { return [] }
        let candidates = [root.table("project")?.string("name"), root.table("tool")?.table("poetry")?.string("name")]
        return Set(candidates.compactMap { $0 }.map(PackageName.canonicalize))
    }
}
