/// What the input kinds share while one run reads its files: the file system, the reading so far,
/// and the paths already read (a file named twice, or a lock beside two declarations, is read once).
public final class InputSession {
    public let fileSystem: any RunFileSystem
    /// The process environment, for `${VAR}` in requirements files.
    public let environment: [String: String]
    public internal(set) var reading = SourceReading()
    private var seen: Set<String> = []

    public init(fileSystem: any RunFileSystem, environment: [String: String]) {
        self.fileSystem = fileSystem
        self.environment = environment
    }

    /// Marks `path` as read; false when it was read before.
    public func firstVisit(_ path: String) -> Bool { seen.insert(path).inserted }

    public func merge(_ other: SourceReading) { reading.merge(other) }

    /// The text of a file that is not a requirements file (those read through their parser).
    public func readText(_ path: String) throws -> String {
        let bytes: [UInt8]
        do { bytes = try fileSystem.read(path) } catch { throw InputFailure("cannot read \(path): \(error).") }
        if TextDecoding.looksBinary(bytes) { throw InputFailure("cannot read \(path): it is a binary file.") }
        return TextDecoding.decode(bytes).text
    }

    /// Reads a requirements (or constraints) file and everything it includes, as `pip install -r` would.
    public func readRequirements(_ path: String, asConstraint: Bool) throws {
        let parser = RequirementsFileParser(reader: fileSystem, environment: environment)
        do {
            reading.merge(try parser.parse(path: path, asConstraint: asConstraint))
        } catch let unreadable as RequirementsFileParser.UnreadableFile {
            throw InputFailure(unreadable.description + ".")
        }
    }
}
