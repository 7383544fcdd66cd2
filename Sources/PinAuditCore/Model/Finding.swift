import PythonPackaging

/// How much a finding matters. Ordered: note < warning < error.
public enum Severity: String, Codable, Comparable, CaseIterable, Sendable {
    case note, warning, error
    private var rank: Int { switch self { case .note: 0; case .warning: 1; case .error: 2 } }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Where something was read: a file as the user would type it, and a 1-based line.
public struct SourceLocation: Hashable, Codable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public init(file: String, line: Int) { self.file = file; self.line = line }
    public var description: String { "\(file):\(line)" }
}

/// Every rule pinaudit reports, with its default severity.
public enum Rule: String, Codable, CaseIterable, Sendable {
    // check
    case unpinned, pinnedArbitrary = "pinned-arbitrary", parseError = "parse-error", includeError = "include-error"
    case unpinnedTransitive = "unpinned-transitive", conflict
    case unknownPackage = "unknown-package", unknownVersion = "unknown-version"
    case metadataUnavailable = "metadata-unavailable", indexError = "index-error"
    case dependencyConfusion = "dependency-confusion"
    // audit
    case yanked, outdated, vulnerable, hashMismatch = "hash-mismatch", hashMissing = "hash-missing"
    case hashPartial = "hash-partial", hashUnchecked = "hash-unchecked"
    case projectStatus = "project-status", localVersionAmbiguous = "local-version"
    case ignoreExpired = "ignore-expired"
    case maliciousPackage = "malicious-package", ignoreUnused = "ignore-unused"
    // lockfiles, Dockerfiles, discovery
    case lockEntryUnpinned = "lock-unpinned", lockMissingPackage = "lock-missing-package"
    case lockUnsupported = "lock-unsupported", lockStale = "lock-stale", unpinnedBuild = "unpinned-build"
    case unpinnedImage = "unpinned-image", imageTagFloating = "image-tag-floating"
    case dockerLayerCaching = "docker-layer-caching", dockerRootUser = "docker-root-user"
    case dockerPrivilegedPort = "docker-privileged-port", dockerAlpine = "docker-alpine"
    case versionSkew = "version-skew"

    public var defaultSeverity: Severity {
        switch self {
        case .unpinned, .parseError, .includeError, .unpinnedTransitive, .conflict, .unknownPackage,
             .unknownVersion, .indexError, .yanked, .vulnerable, .hashMismatch, .hashMissing,
             .lockEntryUnpinned, .lockMissingPackage, .lockUnsupported, .lockStale, .unpinnedImage, .maliciousPackage:
            return .error
        case .outdated, .hashPartial, .hashUnchecked, .ignoreUnused:
            return .note
        default:
            return .warning
        }
    }

    /// One sentence for `--help`, SARIF rule descriptions and the README.
    public var summary: String {
        switch self {
        case .unpinned: "A requirement is not pinned to one exact version with `==`."
        case .pinnedArbitrary: "A requirement is pinned with `===` (arbitrary equality), which skips PEP 440 comparison."
        case .parseError: "A line cannot be read as pip would read it."
        case .includeError: "An included requirements or constraints file is missing, unreadable or part of a cycle."
        case .unpinnedTransitive: "A package needed by a pinned package is not pinned itself."
        case .conflict: "A pin violates a specifier that another pinned package puts on it."
        case .unknownPackage: "The index has no project of that name."
        case .unknownVersion: "The index never had the pinned version."
        case .metadataUnavailable: "The index publishes no dependency metadata for the pinned version."
        case .indexError: "The index could not be asked about a package; the result is incomplete."
        case .dependencyConfusion: "A package exists on more than one configured index."
        case .yanked: "The pinned version is yanked on the index."
        case .outdated: "A newer release is available."
        case .vulnerable: "The pinned version has a known vulnerability."
        case .hashMismatch: "A `--hash` matches no file that the index publishes for the pinned version."
        case .hashMissing: "Hash-checking mode is on (any requirement has a `--hash`, a file says `--require-hashes`, or `audit --require-hashes`) but a requirement carries no `--hash`."
        case .hashPartial: "The hashes cover only some of the files the index publishes for the version."
        case .hashUnchecked: "A `--hash` uses an algorithm the index publishes no digests for (sha384, sha512), so it cannot be checked against the index."
        case .projectStatus: "The project is archived, deprecated or quarantined on the index (PEP 792)."
        case .localVersionAmbiguous: "The index serves local builds of the pinned version; which one installs depends on the index."
        case .ignoreExpired: "An ignore in the configuration has passed its `until` date."
        case .maliciousPackage: "A pinned package is reported as malicious (an OSV `MAL-` advisory): remove it, do not update it."
        case .ignoreUnused: "An ignore (in the configuration, or `--ignore-vuln`) matched no finding in the run: remove it if it is stale."
        case .lockEntryUnpinned: "A lockfile entry has no exact version."
        case .lockMissingPackage: "A package required in a lockfile's graph is not locked."
        case .lockUnsupported: "A lockfile's format version is not supported."
        case .lockStale: "A lockfile no longer satisfies what `pyproject.toml` or the `Pipfile` beside it declares: re-lock."
        case .unpinnedBuild: "A build requirement (`[build-system] requires`) is not pinned with `==`, so builds from source can differ."
        case .unpinnedImage: "A Python base image floats on its major version or `latest`."
        case .imageTagFloating: "A Python base image pins only the minor version; patch and OS release float."
        case .dockerLayerCaching: "Requirements are installed after the whole source is copied, so every change reinstalls them."
        case .dockerRootUser: "The final image stage runs as root."
        case .dockerPrivilegedPort: "A port below 1024 is exposed, which needs root inside the container."
        case .dockerAlpine: "An Alpine base image is used for Python (musl wheels, slower builds)."
        case .versionSkew: "The same package is pinned at different versions in different files."
        }
    }
}

/// One thing pinaudit has to say. Every analysis returns these; every formatter reads them.
public struct Finding: Hashable, Codable, Sendable {
    public var rule: Rule
    public var severity: Severity
    /// Canonical package name, when the finding is about one package.
    public var package: String?
    public var location: SourceLocation?
    public var message: String
    /// For `vulnerable`: the vulnerability's id and severity (SARIF ranks alerts by it).
    public var vulnerability: FindingVulnerability?

    public init(rule: Rule, severity: Severity? = nil, package: String? = nil, location: SourceLocation? = nil, message: String,
                vulnerability: FindingVulnerability? = nil) {
        self.rule = rule
        self.severity = severity ?? rule.defaultSeverity
        self.package = package
        self.location = location
        self.message = message
        self.vulnerability = vulnerability
    }
}
