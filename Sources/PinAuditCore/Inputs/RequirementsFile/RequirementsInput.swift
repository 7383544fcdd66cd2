/// Requirements and constraints files, read as `pip install -r` reads them: the kind of every file
/// no other kind claims.
public struct RequirementsInput: InputKind {
    public init() {}
    public var name: String { "requirements" }
    public var helpNames: [String] { ["requirements*.txt", "requirements/*.txt", "constraints*.txt"] }

    public func matches(fileName: String) -> Bool { true }

    /// Discovery takes `requirements*.txt`, `constraints*.txt` and any `.txt` in a `requirements` folder.
    public func isDiscovered(fileName: String, inRequirementsFolder: Bool) -> Bool {
        let lower = fileName.lowercased()
        return lower.hasSuffix(".txt") && (lower.hasPrefix("requirements") || lower.hasPrefix("constraints") || inRequirementsFolder)
    }

    public func read(_ path: String, in session: InputSession) throws {
        try session.readRequirements(path, asConstraint: false)
    }
}
