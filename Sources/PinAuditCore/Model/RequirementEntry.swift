import PythonPackaging

/// One requirement as read from a source (a requirements line, a lockfile entry, a `pip install`
/// argument in a Dockerfile), remembering where it came from.
public struct RequirementEntry: Hashable, Sendable {
    public enum Origin: String, Hashable, Sendable, Codable {
        case requirementsFile = "requirements"
        case lockfile
        case dockerfile
        /// Declared in `pyproject.toml` (PEP 621, PEP 735, `[build-system]`, Poetry's tables).
        case pyproject
        /// Declared in a `Pipfile`.
        case pipfile
    }

    /// For a declared dependency (`pyproject.toml`, `Pipfile`): the list that declares it, e.g.
    /// `project.dependencies`, `project.optional-dependencies.web`, `dependency-groups.dev`,
    /// `build-system.requires`, `tool.poetry.group.dev.dependencies`, `dev-packages`.
    public var declaredIn: String?
    /// For a declared dependency: the lockfile beside its file that pins it (it then is no pin itself).
    public var lockedBy: String?

    /// The PEP 508 requirement; nil for an unnamed URL or path requirement pip cannot name.
    public var requirement: Requirement?
    /// The URL or local path of a URL/VCS/path/editable requirement, as written (after `${VAR}` expansion).
    public var url: String?
    public var hashes: [String]
    public var editable: Bool
    /// Read through `-c` (a constraints file).
    public var isConstraint: Bool
    public var location: SourceLocation
    /// Exact version recorded by a lockfile (lock entries carry no specifier of their own).
    public var lockedVersion: String?
    public var origin: Origin
    /// Per-requirement options other than hashes, as written (`--config-settings`, `--global-option`).
    public var options: [String]
    /// The marker of an unnamed URL or path requirement (a named one keeps it in `requirement`).
    public var unnamedMarker: Marker?

    public init(requirement: Requirement?, url: String? = nil, hashes: [String] = [], editable: Bool = false,
                isConstraint: Bool = false, location: SourceLocation, lockedVersion: String? = nil,
                origin: Origin = .requirementsFile, options: [String] = []) {
        self.requirement = requirement; self.url = url; self.hashes = hashes; self.editable = editable
        self.isConstraint = isConstraint; self.location = location; self.lockedVersion = lockedVersion
        self.origin = origin; self.options = options; self.unnamedMarker = nil
    }

    public var name: String? { requirement?.name }
    public var canonicalName: String? { requirement?.canonicalName }
    public var specifier: SpecifierSet { requirement?.specifier ?? .any }
    public var extras: [String] { requirement?.extras ?? [] }
    public var marker: Marker? { requirement?.marker ?? unnamedMarker }

    /// The exact version this entry pins: a lockfile's version, or the single `==V` clause (no wildcard).
    public var pinnedVersion: String? {
        if let lockedVersion { return lockedVersion }
        let clauses = specifier.clauses
        guard clauses.count == 1, let only = clauses.first else { return nil }
        switch only.op {
        case .equal where !only.hasWildcard, .arbitrary: return only.version
        default: return nil
        }
    }
}

/// Options that apply to a whole run of pip, gathered from option lines in requirements files.
public struct GlobalOptions: Hashable, Sendable {
    public var indexURL: String?
    public var extraIndexURLs: [String] = []
    public var findLinks: [String] = []
    public var noIndex = false
    public var pre = false
    public var requireHashes = false
    public var trustedHosts: [String] = []
    public var onlyBinary: [String] = []
    public var noBinary: [String] = []
    public var preferBinary = false
    /// Where each option was set, for messages.
    public var indexURLLocation: SourceLocation?
    public init() {}
}

/// What reading one or more sources produced: entries in file order, global options, problems.
public struct SourceReading: Sendable {
    public var entries: [RequirementEntry] = []
    public var options = GlobalOptions()
    public var findings: [Finding] = []
    /// Files read, in order, as the user would type them.
    public var files: [String] = []
    /// Target Python version taken from a source (a Dockerfile's base image), when it names one.
    public var impliedPythonVersion: String?
    /// Dependency edges a lockfile records, by canonical name: the closure uses them instead of the index.
    public var lockDependencies: [String: [LockDependency]] = [:]
    /// Declared dependencies that a lockfile pins (the lock's entries are the pins; these are
    /// checked against it) and build requirements: reported, but no pin of the closure.
    public var declarations: [RequirementEntry] = []
    /// Canonical names of the projects whose declaration files were read (`[project] name`).
    public var projectNames: Set<String> = []
    /// Locks whose record of their input disagrees with the declarations beside them (`LockInputCheck`).
    public var lockInputMismatches: [LockInputMismatch] = []
    public init() {}

    public mutating func merge(_ other: SourceReading) {
        entries += other.entries
        declarations += other.declarations
        projectNames.formUnion(other.projectNames)
        lockInputMismatches += other.lockInputMismatches
        findings += other.findings
        for f in other.files where !files.contains(f) { files.append(f) }
        if options.indexURL == nil { options.indexURL = other.options.indexURL; options.indexURLLocation = other.options.indexURLLocation }
        options.extraIndexURLs += other.options.extraIndexURLs.filter { !options.extraIndexURLs.contains($0) }
        options.findLinks += other.options.findLinks
        options.noIndex = options.noIndex || other.options.noIndex
        options.pre = options.pre || other.options.pre
        options.requireHashes = options.requireHashes || other.options.requireHashes
        options.trustedHosts += other.options.trustedHosts
        if impliedPythonVersion == nil { impliedPythonVersion = other.impliedPythonVersion }
        lockDependencies.merge(other.lockDependencies) { first, _ in first }
    }
}

/// How inputs read files: the executable hands a disk reader in; tests hand in a dictionary.
/// Keeps the parsers pure over values.
public protocol SourceFileReader: Sendable {
    /// The bytes of the file at `path` (already resolved), or an error whose description says why.
    func read(_ path: String) throws -> [UInt8]
    /// Whether a path exists (used to resolve Dockerfile build contexts).
    func exists(_ path: String) -> Bool
    /// Whether a path is a directory (pip treats local directories as installable projects).
    func isDirectory(_ path: String) -> Bool
}

extension SourceFileReader {
    public func isDirectory(_ path: String) -> Bool { false }
}

/// A lock that records its input (a hash, or the requirements it was made from) which is not the
/// declaration file beside it as it is now.
public struct LockInputMismatch: Hashable, Sendable {
    public var lockfile: String
    public var declarationFile: String
    public var detail: String
    public init(lockfile: String, declarationFile: String, detail: String) {
        self.lockfile = lockfile; self.declarationFile = declarationFile; self.detail = detail
    }
}
