import PythonPackaging

/// One OSV advisory as pinaudit reads it (the OSV schema, PyPI entries only): what it is, whom it
/// affects (`affected[].versions` and ECOSYSTEM `ranges`), and whether it still stands.
public struct OSVAdvisory: Hashable, Sendable {
    public var id: String
    public var aliases: [String]
    public var summary: String?
    /// The advisory's preferred reference (ADVISORY, then WEB, then the first).
    public var link: String?
    /// `modified`, as written (RFC 3339).
    public var modified: String?
    /// `withdrawn`, as written; a withdrawn advisory never matches.
    public var withdrawn: String?
    /// A `MAL-` advisory (OSV's malicious-packages data), or one whose `database_specific` says so.
    public var malicious: Bool
    /// The PyPI packages it affects.
    public var affected: [OSVAffectedPackage]
    /// OSV `severity` entries (`type`, `score`) as written.
    public var severity: [OSVSeverityEntry]
    /// `database_specific.severity` (LOW, MODERATE, HIGH, CRITICAL), as written.
    public var databaseSeverity: String?

    public init(id: String, aliases: [String] = [], summary: String? = nil, link: String? = nil, modified: String? = nil,
                withdrawn: String? = nil, malicious: Bool = false, affected: [OSVAffectedPackage] = [],
                severity: [OSVSeverityEntry] = [], databaseSeverity: String? = nil) {
        self.id = id; self.aliases = aliases; self.summary = summary; self.link = link; self.modified = modified
        self.withdrawn = withdrawn; self.malicious = malicious || Self.isMaliciousID(id) || aliases.contains(where: Self.isMaliciousID)
        self.affected = affected; self.severity = severity; self.databaseSeverity = databaseSeverity
    }

    /// OSV names malicious-package reports `MAL-<year>-<n>`.
    public static func isMaliciousID(_ id: String) -> Bool { id.uppercased().hasPrefix("MAL-") }

    /// The canonical names of the PyPI packages it names.
    public var packages: Set<String> { Set(affected.map(\.package)) }

    /// The vulnerability to report for `package` at `version`, or nil when the advisory is
    /// withdrawn or does not affect that version. `fixedIn` lists every `fixed` event of the
    /// package's ECOSYSTEM ranges; the report picks the smallest above the pin.
    public func vulnerability(package: String, version: Version) -> Vulnerability? {
        guard withdrawn == nil else { return nil }
        let entries = affected.filter { $0.package == package }
        guard entries.contains(where: { OSVRangeEvaluation.affects($0, version: version) }) else { return nil }
        var fixed: [String] = []
        for entry in entries {
            for case .fixed(let text) in entry.ranges.joined() where !fixed.contains(text) { fixed.append(text) }
        }
        return Vulnerability(id: id, aliases: aliases, fixedIn: fixed, summary: summary, link: link, source: "osv-db",
                             severity: VulnerabilitySeverity(osvSeverity: severity, databaseSeverity: databaseSeverity),
                             malicious: malicious ? true : nil)
    }
}

/// One `affected[]` entry for a PyPI package.
public struct OSVAffectedPackage: Hashable, Sendable {
    /// Canonical (PEP 503) name.
    public var package: String
    /// `versions` as comparison keys (`OSVRangeEvaluation.comparisonKey`): one text per PEP 440
    /// version, so that a lookup compares texts; entries that are not versions are left out.
    public var versionKeys: Set<String>
    /// The events of each ECOSYSTEM range (GIT and SEMVER ranges do not apply to PyPI versions).
    public var ranges: [[OSVRangeEvent]]

    /// From `versions` as written.
    public init(package: String, versions: [String] = [], ranges: [[OSVRangeEvent]] = []) {
        self.init(package: package, versionKeys: Set(versions.compactMap(OSVRangeEvaluation.comparisonKey)), ranges: ranges)
    }

    /// From versions already turned into comparison keys (a stored index).
    public init(package: String, versionKeys: Set<String>, ranges: [[OSVRangeEvent]]) {
        self.package = PackageName.canonicalize(package); self.versionKeys = versionKeys; self.ranges = ranges
    }
}

/// One event of an OSV range.
public enum OSVRangeEvent: Hashable, Sendable {
    case introduced(String), fixed(String), lastAffected(String), limit(String)

    public var version: String {
        switch self {
        case .introduced(let v), .fixed(let v), .lastAffected(let v), .limit(let v): v
        }
    }
}
