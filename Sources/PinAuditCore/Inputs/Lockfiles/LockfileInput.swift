/// Lockfiles: `uv.lock`, `poetry.lock`, `Pipfile.lock`, `pdm.lock`, `pylock.toml` (and their
/// prefixed variants, but never a `.txt` file, which is pip's).
public struct LockfileInput: InputKind {
    public init() {}
    public var name: String { "lockfile" }
    public var helpNames: [String] { ["uv.lock", "poetry.lock", "Pipfile.lock", "pdm.lock", "pylock.toml"] }

    public func matches(fileName: String) -> Bool {
        LockfileKind.detect(fileName: fileName) != nil && !fileName.lowercased().hasSuffix(".txt")
    }

    public func read(_ path: String, in session: InputSession) throws {
        session.merge(LockfileParser.parse(path: path, text: try session.readText(path), reader: session.fileSystem).sourceReading)
    }
}
