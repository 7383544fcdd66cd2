import PythonPackaging

/// pinaudit's configuration: `.pinaudit.toml`, or the `[tool.pinaudit]` table of `pyproject.toml`.
///
/// Keys (all optional; `docs/configuration.md` has the long form):
///
///     python-versions  = ["3.12"]             # target interpreters; the first one decides latest*
///     platforms        = ["linux"]            # linux | macos | windows
///     fail-on          = "error"              # error | warning | note | never
///     allow-unpinned   = ["mylib", "./src"]   # names, editables or local paths that may stay unpinned
///     outdated         = { patch = "note", minor = "warning", major = "warning" }   # or "off"
///     vuln-source      = "auto"               # auto | pypi | osv | both | osv-db
///     osv-url          = "https://osv.example/v1"
///     vuln-fail-on     = "high"               # low | medium | high | critical: lower ones become notes
///     vuln-db          = "advisories/pypi.zip" # a local OSV database (zip or folder)
///     vuln-db-url      = "https://osv.example/PyPI/all.zip"  # what `pinaudit db update` fetches
///     index-url        = "https://index.example/simple"
///     extra-index-urls = ["https://private.example/simple"]
///
///     [index-limits]                          # see IndexLimits: timeouts, deadline, answer sizes
///     deadline = "10m"
///     max-project-document-size = "64MiB"
///
///     [severity]                              # per rule id: error | warning | note | off
///     outdated = "off"
///
///     [plan]
///     max-level = "minor"                     # patch | minor | major
///     min-age = 7                             # days a release must have been public
///     freeze = ["numpy"]
///     allow-prereleases = false
///     [plan.packages.django]
///     max-level = "patch"
///     min-age = 14
///
///     [[ignore]]
///     rule = "vulnerable"
///     package = "django"                      # optional: every package when absent
///     id = "GHSA-xxxx-xxxx-xxxx"              # optional: a vulnerability id or alias
///     reason = "not reachable: we do not use QuerySet.extra"   # required
///     until = "2026-12-31"                    # optional: stops hiding after this day
public struct Configuration: Hashable, Sendable {
    /// The file it was read from, as given to the parser; nil for the built-in defaults.
    public var file: String?
    public var pythonVersions: [String]?
    public var platforms: [MarkerEnvironment.Platform]?
    public var failOn: FailLevel?
    /// `[severity]`: per-rule overrides.
    public var severity: [Rule: RuleSeverity] = [:]
    /// Names (canonicalized when valid names), paths or URLs, as written.
    public var allowUnpinned: [String] = []
    public var outdated = OutdatedSeverities.default
    public var vulnSource = VulnerabilitySource.auto
    public var osvURL: String?
    /// `vuln-fail-on`: vulnerabilities below it are reported as notes; nil: every one fails.
    public var vulnFailOn: VulnerabilityThreshold?
    /// `vuln-db`: a local OSV database (a zip of OSV JSON files, or a folder of them), as written.
    public var vulnDatabase: String?
    /// `vuln-db-url`: where `pinaudit db update` fetches the database from.
    public var vulnDatabaseURL: String?
    public var indexURL: String?
    public var extraIndexURLs: [String] = []
    /// `[index-limits]`: limits set in the file, in their units (seconds, bytes, bytes per second).
    public var indexLimits: [IndexLimits.Setting: Double] = [:]
    public var plan = PlanConfiguration()
    public var ignores: [IgnoreRule] = []

    public init(file: String? = nil) { self.file = file }

    /// The defaults, when no file is found.
    public static let defaults = Configuration()

    /// Whether an entry may stay unpinned: its canonical name, or its URL/path as written
    /// (`./src/`, `src` and `./src` are the same path).
    public func allowsUnpinned(_ entry: RequirementEntry) -> Bool {
        if let name = entry.canonicalName,
           allowUnpinned.contains(where: { PackageName.isValid($0) && PackageName.canonicalize($0) == name }) { return true }
        // A file named in the list allows every requirement it declares (a library's `pyproject.toml`).
        let file = Self.normalizedPath(entry.location.file)
        if allowUnpinned.contains(where: { Self.normalizedPath($0) == file }) { return true }
        guard let url = entry.url else { return false }
        let written = Self.normalizedPath(url)
        return allowUnpinned.contains { Self.normalizedPath($0) == written }
    }

    /// Audit options from this configuration; `requireHashes` and `today` come from the run.
    public func auditOptions(today: CalendarDay, requireHashes: Bool, defaultPythonVersions: [String] = ["3.12"]) -> AuditOptions {
        AuditOptions(pythonVersions: pythonVersions ?? defaultPythonVersions, outdated: outdated, requireHashes: requireHashes,
                     vulnerabilitySource: vulnSource, today: today)
    }

    static func normalizedPath(_ text: String) -> String {
        var s = Substring(text)
        while s.hasPrefix("./") { s = s.dropFirst(2) }
        while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
        return String(s)
    }
}

/// A rule's severity as configured: a level, or off (its findings are dropped).
public enum RuleSeverity: Hashable, Sendable {
    case off
    case level(Severity)

    init?(text: String) {
        if text == "off" { self = .off } else if let s = Severity(rawValue: text) { self = .level(s) } else { return nil }
    }
}

/// `fail-on`: the lowest severity that makes the run fail. (Named apart from the command line's
/// own `FailOn` option type.)
public enum FailLevel: String, Hashable, Sendable, CaseIterable {
    case error, warning, note, never

    /// The lowest failing severity; nil for `never`.
    public var threshold: Severity? {
        switch self {
        case .never: nil
        case .error: .error
        case .warning: .warning
        case .note: .note
        }
    }

    /// Whether a finding of this severity fails the run.
    public func fails(on severity: Severity) -> Bool {
        switch self {
        case .never: false
        case .error: severity >= .error
        case .warning: severity >= .warning
        case .note: true
        }
    }
}

/// `[plan]`: limits of `pinaudit plan`.
public struct PlanConfiguration: Hashable, Sendable {
    /// The largest update proposed.
    public var maxLevel: UpdateKind = .major
    /// Days a release must have been public before it is proposed.
    public var minAge: Int = 7
    /// Canonical names never updated.
    public var freeze: [String] = []
    public var allowPrereleases = false
    /// `[plan.packages.<name>]`, by canonical name.
    public var packages: [String: PackagePlanConfiguration] = [:]
    public init() {}

    /// The effective level for one package.
    public func maxLevel(for package: String) -> UpdateKind { packages[package]?.maxLevel ?? maxLevel }
    public func minAge(for package: String) -> Int { packages[package]?.minAge ?? minAge }
}

public struct PackagePlanConfiguration: Hashable, Sendable {
    public var maxLevel: UpdateKind?
    public var minAge: Int?
    public init(maxLevel: UpdateKind? = nil, minAge: Int? = nil) { self.maxLevel = maxLevel; self.minAge = minAge }
}
