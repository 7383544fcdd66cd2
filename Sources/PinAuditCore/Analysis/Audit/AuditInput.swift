/// One pin to audit: a package pinned to one version, and where.
public struct AuditPin: Hashable, Sendable {
    /// Canonical (PEP 503) name.
    public var name: String
    /// The pinned version text as written (`3.2.0`, `2.1.0+cu121`).
    public var version: String
    /// Where the pin was read, for findings.
    public var location: SourceLocation?
    /// `--hash` values as written (`sha256:<hex>`, or a bare hex digest).
    public var hashes: [String]

    public init(name: String, version: String, location: SourceLocation? = nil, hashes: [String] = []) {
        self.name = name; self.version = version; self.location = location; self.hashes = hashes
    }

    /// The pin of a requirement entry; nil when the entry pins no exact version or has no name.
    public init?(entry: RequirementEntry) {
        guard let name = entry.canonicalName, let version = entry.pinnedVersion else { return nil }
        self.init(name: name, version: version, location: entry.location, hashes: entry.hashes)
    }
}

/// How far apart a pin and a newer release are.
public enum UpdateKind: String, Hashable, Sendable, CaseIterable, Codable {
    case patch, minor, major
}

/// Severity of an `outdated` finding per kind of update; nil turns that kind off.
public struct OutdatedSeverities: Hashable, Sendable {
    public var patch: Severity?
    public var minor: Severity?
    public var major: Severity?

    public init(patch: Severity? = .note, minor: Severity? = .warning, major: Severity? = .warning) {
        self.patch = patch; self.minor = minor; self.major = major
    }

    public static let `default` = OutdatedSeverities()

    public subscript(kind: UpdateKind) -> Severity? {
        get {
            switch kind { case .patch: patch; case .minor: minor; case .major: major }
        }
        set {
            switch kind { case .patch: patch = newValue; case .minor: minor = newValue; case .major: major = newValue }
        }
    }
}

/// Which vulnerability data the audit reads (`--vuln-source`, `vuln-source`).
public enum VulnerabilitySource: String, Hashable, Sendable, CaseIterable, Codable {
    /// The index's own per-version data (`VersionMetadata.vulnerabilities`).
    case pypi
    /// OSV's answers, handed in by the caller.
    case osv
    /// Both, merged by id and alias.
    case both
    /// A local OSV database (OSV's PyPI export, or a folder of OSV JSON files) alone.
    case osvDB = "osv-db"
    /// The default: the index's data, merged with the local OSV database when there is one (named
    /// by `--vuln-db`, or fetched into the cache folder by `pinaudit db update`).
    case auto

    /// Whether the index's per-version data is read.
    public var usesIndex: Bool { [.pypi, .both, .auto].contains(self) }

    /// The `VulnerabilityService` names to ask besides the index; `databaseAvailable` says whether
    /// a local OSV database is present.
    public func serviceNames(databaseAvailable: Bool) -> [String] {
        switch self {
        case .pypi: []
        case .osv, .both: ["osv"]
        case .osvDB: ["osv-db"]
        case .auto: databaseAvailable ? ["osv-db"] : []
        }
    }
}

/// Everything about the run that the audit analyses need besides the index facts.
public struct AuditOptions: Hashable, Sendable {
    /// Target Python versions (`["3.12"]`). A release counts as a newer candidate only when its
    /// `requires_python` admits the **first** target: `latest`, `latestMinor` and `latestPatch` are
    /// answers for that one interpreter, so they stay comparable with what pip resolves there.
    /// Empty: every release is admitted.
    public var pythonVersions: [String]
    public var outdated: OutdatedSeverities
    /// Hash-checking mode (`--require-hashes`, or pip's implicit mode when any requirement has a
    /// `--hash`): a pin without hashes is a `hash-missing` error.
    public var requireHashes: Bool
    public var vulnerabilitySource: VulnerabilitySource
    /// Today, for ages of releases. Passed in so that the analyses never read a clock.
    public var today: CalendarDay

    public init(pythonVersions: [String] = ["3.12"], outdated: OutdatedSeverities = .default, requireHashes: Bool = false,
                vulnerabilitySource: VulnerabilitySource = .pypi, today: CalendarDay) {
        self.pythonVersions = pythonVersions; self.outdated = outdated; self.requireHashes = requireHashes
        self.vulnerabilitySource = vulnerabilitySource; self.today = today
    }

    /// pip turns hash-checking mode on by itself as soon as one requirement carries a `--hash`.
    public static func hashCheckingMode(_ options: GlobalOptions, entries: [RequirementEntry]) -> Bool {
        options.requireHashes || entries.contains { !$0.hashes.isEmpty }
    }
}
