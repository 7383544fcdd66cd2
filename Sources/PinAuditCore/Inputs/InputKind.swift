/// One kind of input file (pip-audit's dependency sources): how its files are named, which of them
/// discovery picks up, and how one is read. Adding a kind is one conforming type and one line in
/// `InputKindRegistry.kinds`.
public protocol InputKind: Sendable {
    /// A short name for messages and tests (`requirements`, `lockfile`, ...).
    var name: String { get }
    /// The file names `check --help` gives for it, as discovery finds them.
    var helpNames: [String] { get }
    /// Whether a file named `fileName` (the last path component) is of this kind.
    func matches(fileName: String) -> Bool
    /// Whether discovery (no path given) picks up a file of this name; only asked of the kind
    /// `InputKindRegistry.kind(of:)` chose for it.
    func isDiscovered(fileName: String, inRequirementsFolder: Bool) -> Bool
    /// Reads the file at `path` (as the user would type it) into the session.
    func read(_ path: String, in session: InputSession) throws
}

extension InputKind {
    public func isDiscovered(fileName: String, inRequirementsFolder: Bool) -> Bool { true }
}

/// Every input kind, in the order a file name is tried: the first that matches reads the file, and
/// requirements files (pip's `-r`) take whatever no other kind claims.
public enum InputKindRegistry {
    public static let kinds: [any InputKind] = [
        DockerfileInput(),
        LockfileInput(),
        DeclarationInput(),
        RequirementsInput(),
    ]

    /// The kind that reads `path`, by its file name.
    public static func kind(of path: String) -> any InputKind {
        let fileName = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return kinds.first { $0.matches(fileName: fileName) } ?? RequirementsInput()
    }

    /// Whether discovery picks up a file named `fileName`.
    public static func isDiscovered(fileName: String, inRequirementsFolder: Bool) -> Bool {
        kind(of: fileName).isDiscovered(fileName: fileName, inRequirementsFolder: inRequirementsFolder)
    }
}
