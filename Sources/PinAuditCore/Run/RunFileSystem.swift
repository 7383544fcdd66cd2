/// The disk as the run sees it: the executable hands its reader in, tests a dictionary. Beyond
/// reading files (`SourceFileReader`) the run lists folders (discovery) and knows where it runs.
public protocol RunFileSystem: SourceFileReader {
    /// The working directory: paths are shown relative to it, and discovery starts there.
    var currentDirectory: String { get }
    /// The names in the folder at `path` ("" is the working directory), or nil when it cannot be listed.
    func contentsOfDirectory(_ path: String) -> [String]?
}

/// Input that cannot be read or settings that do not fit: the run stops, the command exits 2 with
/// this message (a full sentence saying what to do).
public struct InputFailure: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
