/// One package of the closure, with everything the index said that reports show.
public struct PackageReport: Hashable, Sendable {
    /// Canonical name.
    public var name: String
    /// The pinned version, or nil when the package is not pinned.
    public var version: String?
    /// Named in a source file (not only reached through dependencies).
    public var direct: Bool
    /// Canonical names of the packages whose metadata requires this one, sorted.
    public var requiredBy: [String]
    /// Where it is pinned (first location), when it is.
    public var location: SourceLocation?

    // Filled by the audit.
    public var latest: String?
    public var latestMinor: String?
    public var latestPatch: String?
    public var yanked: Bool?
    public var yankedReason: String?
    public var vulnerabilities: [Vulnerability]?
    /// ISO dates (yyyy-mm-dd) of the pinned release's and the latest release's first upload.
    public var released: String?
    public var latestReleased: String?
    public var requiresPython: String?
    public var projectURLs: [String: String]?
    public var pageURL: String?

    public init(name: String, version: String?, direct: Bool, requiredBy: [String] = [], location: SourceLocation? = nil) {
        self.name = name; self.version = version; self.direct = direct; self.requiredBy = requiredBy; self.location = location
    }
}

/// Everything one run found: what every formatter renders.
public struct Report: Sendable {
    /// `check`, `audit` or `plan`.
    public var command: String
    /// Files read, as the user would type them.
    public var files: [String]
    public var requirements: [RequirementEntry]
    /// The closure, when the index was asked; nil with `--no-index`.
    public var packages: [PackageReport]?
    public var findings: [Finding]
    /// The index could not answer for everything: the result is incomplete (exit code 3).
    public var incomplete: Bool
    /// Report-level remarks (e.g. "the index publishes no per-version vulnerability data").
    public var notes: [String]
    /// Target environments the run evaluated markers for, e.g. ["3.12/linux"].
    public var targets: [String]

    public init(command: String, files: [String] = [], requirements: [RequirementEntry] = [], packages: [PackageReport]? = nil,
                findings: [Finding] = [], incomplete: Bool = false, notes: [String] = [], targets: [String] = []) {
        self.command = command; self.files = files; self.requirements = requirements; self.packages = packages
        self.findings = findings; self.incomplete = incomplete; self.notes = notes; self.targets = targets
    }

    public func count(_ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }
}
