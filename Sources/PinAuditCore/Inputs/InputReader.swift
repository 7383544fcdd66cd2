/// The first stage of a run: finds the files to read (or discovers them) and reads each through
/// its `InputKind`.
public struct InputReader {
    public let fileSystem: any RunFileSystem
    public let environment: [String: String]

    public init(fileSystem: any RunFileSystem, environment: [String: String]) {
        self.fileSystem = fileSystem
        self.environment = environment
    }

    /// The path as the user would type it: relative to the working directory when inside it.
    public func display(_ path: String) -> String {
        path.hasPrefix("/") ? SourcePath.relative(path, to: fileSystem.currentDirectory) : SourcePath.normalize(path)
    }

    /// Reads `paths` by their kinds and `constraints` as constraints files; with neither, the files
    /// discovery finds. `command` names the command in the message when there is nothing to read.
    public func read(paths: [String], constraints: [String], command: String) throws -> SourceReading {
        var files = paths, constraintFiles = constraints
        if files.isEmpty && constraintFiles.isEmpty {
            (files, constraintFiles) = InputDiscovery(fileSystem: fileSystem).discover()
            if files.isEmpty && constraintFiles.isEmpty {
                throw InputFailure("no requirements file found in \(fileSystem.currentDirectory): name one, e.g. `pinaudit \(command) requirements.txt`.")
            }
        }
        return try read(files, constraints: constraintFiles)
    }

    /// Reads `paths` as requirements files (as `pip install -r` would), lockfiles, declaration files
    /// or Dockerfiles by their names, and `constraints` as constraints files.
    public func read(_ paths: [String], constraints: [String] = []) throws -> SourceReading {
        let session = InputSession(fileSystem: fileSystem, environment: environment)
        for (raw, asConstraint) in paths.map({ ($0, false) }) + constraints.map({ ($0, true) }) {
            let path = display(raw)
            guard session.firstVisit(path) else { continue }
            if fileSystem.isDirectory(path) { throw InputFailure("\(path) is a directory: name the files in it, or run pinaudit there without a path to discover them.") }
            guard fileSystem.exists(path) else { throw InputFailure("cannot read \(path): no such file.") }
            if asConstraint {
                try session.readRequirements(path, asConstraint: true)
            } else {
                try InputKindRegistry.kind(of: path).read(path, in: session)
            }
        }
        return session.reading
    }
}
