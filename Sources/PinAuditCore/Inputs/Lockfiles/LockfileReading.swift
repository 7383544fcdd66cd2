import PythonPackaging

/// What reading one lockfile produced: its entries (one per locked package version), the
/// dependency graph when the lock records one, and the problems found.
public struct LockfileReading: Sendable {
    /// The file as the user would type it.
    public var path: String
    public var kind: LockfileKind
    /// The format version the file declares (`2.1`, `6`, `1`, `4.5.1`, `1.0`), when it declares one.
    public var formatVersion: String?
    /// One entry per locked package version, in file order: `origin: .lockfile`, `lockedVersion`,
    /// hashes as `sha256:<hex>`, the location of the package's entry.
    public var entries: [RequirementEntry]
    /// Canonical name → what that package depends on; nil when the lock records no graph (Pipfile.lock).
    /// A name locked at several versions (uv forks) has the union of their edges.
    public var dependencies: [String: [LockDependency]]?
    /// Canonical names of the packages the project asks for itself, when the lock records them (uv).
    public var directPackages: Set<String>?
    /// Dependency groups / categories per canonical name (`main`, `dev`, Pipfile's `default`/`develop`).
    public var groups: [String: [String]]
    public var findings: [Finding]

    public init(path: String, kind: LockfileKind, formatVersion: String? = nil, entries: [RequirementEntry] = [],
                dependencies: [String: [LockDependency]]? = nil, directPackages: Set<String>? = nil,
                groups: [String: [String]] = [:], findings: [Finding] = []) {
        self.path = path; self.kind = kind; self.formatVersion = formatVersion; self.entries = entries
        self.dependencies = dependencies; self.directPackages = directPackages; self.groups = groups
        self.findings = findings
    }

    /// Canonical names of every locked package.
    public var lockedNames: Set<String> { Set(entries.compactMap(\.canonicalName)) }

    /// The command that moves one package of this lock to `version` (see `LockfileKind.updateCommand`).
    public func updateCommand(package: String, version: String? = nil) -> String {
        kind.updateCommand(package: package, version: version)
    }

    /// The reading as a `SourceReading` the command layer merges with the other sources.
    public var sourceReading: SourceReading {
        var reading = SourceReading()
        reading.entries = entries
        reading.findings = findings
        reading.files = [path]
        if let dependencies {
            // A lock with a graph records every edge: a locked package without any has no dependencies.
            reading.lockDependencies = dependencies
            for entry in entries { if let name = entry.canonicalName, reading.lockDependencies[name] == nil { reading.lockDependencies[name] = [] } }
        }
        return reading
    }
}
