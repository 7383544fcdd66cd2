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

/// Every rule pinaudit reports, by id; each has a `RuleDescriptor` beside the code that reports it.
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

    /// The default severity (from the rule's descriptor, `RuleRegistry`).
    public var defaultSeverity: Severity { descriptor.defaultSeverity }

    /// One sentence for `--help`, SARIF rule descriptions and the README (from the rule's descriptor).
    public var summary: String { descriptor.summary }

    public var descriptor: RuleDescriptor { RuleRegistry.descriptor(for: self) }
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
