/// Files that declare dependencies (`pyproject.toml`, `Pipfile`): read with the lock beside them,
/// which pins what they declare and is checked against them (`LockInputCheck`).
public struct DeclarationInput: InputKind {
    public init() {}
    public var name: String { "declarations" }
    public var helpNames: [String] { ["pyproject.toml", "Pipfile"] }

    public func matches(fileName: String) -> Bool { DeclarationFile.Kind.detect(fileName: fileName) != nil }

    public func read(_ path: String, in session: InputSession) throws {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        guard let kind = DeclarationFile.Kind.detect(fileName: fileName) else { return }
        let text = try session.readText(path)
        let declared = DeclarationFile.parse(path: path, text: text, kind: kind)
        // The lock beside the file pins what it declares: read it too, once.
        let folder = SourcePath.directory(of: path)
        let lock = kind.lockfileNames.map { folder.isEmpty ? $0 : folder + "/" + $0 }.first { session.fileSystem.exists($0) }
        if let lock {
            let lockText = try session.readText(lock)
            if session.firstVisit(lock) {
                session.merge(LockfileParser.parse(path: lock, text: lockText, reader: session.fileSystem).sourceReading)
            }
            if case .madeFromOtherDeclarations(let detail) = LockInputCheck.verdict(declarations: declared, declarationText: text,
                                                                                    lockPath: lock, lockText: lockText) {
                session.reading.lockInputMismatches.append(LockInputMismatch(lockfile: lock, declarationFile: path, detail: detail))
            }
        }
        session.merge(declared.sourceReading(lockedBy: lock))
    }
}
