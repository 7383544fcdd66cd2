/// What the package index says about one project, normalized from PyPI's JSON API or the
/// Simple API (PEP 691/700). Compact: only what pinaudit uses. Codable for the on-disk cache.
public struct ProjectFacts: Codable, Hashable, Sendable {
    /// The project's display name as the index gives it.
    public var name: String
    /// The index's idea of the latest version (JSON API `info.version`), when given.
    public var latestVersion: String?
    /// Releases in the index's order; a release may have no files.
    public var releases: [ReleaseFacts] { didSet { releaseOrder = nil } }
    /// Where the cache recorded it: the releases the audit considers (PEP 440 versions with files,
    /// one per version), newest first, so a reader finds the newest releases, or those of a
    /// series, without reading every version. Nil when not known; cleared when `releases` change.
    public var releaseOrder: [RankedRelease]?
    /// Links from `info.project_urls` (label → URL) plus `home_page` as "Homepage" when present.
    public var projectURLs: [String: String]
    /// PEP 792 project status (`active`, `archived`, `quarantined`, `deprecated`), when published.
    public var status: String?
    public var statusReason: String?
    /// The URL of the project's page on the index, for reports.
    public var pageURL: String?

    public init(name: String, latestVersion: String? = nil, releases: [ReleaseFacts], projectURLs: [String: String] = [:],
                status: String? = nil, statusReason: String? = nil, pageURL: String? = nil, releaseOrder: [RankedRelease]? = nil) {
        self.name = name; self.latestVersion = latestVersion; self.releases = releases
        self.projectURLs = projectURLs; self.status = status; self.statusReason = statusReason; self.pageURL = pageURL
        self.releaseOrder = releaseOrder
    }

    private enum CodingKeys: String, CodingKey { case name, latestVersion, releases, projectURLs, status, statusReason, pageURL }

    public static func == (lhs: ProjectFacts, rhs: ProjectFacts) -> Bool {
        lhs.name == rhs.name && lhs.latestVersion == rhs.latestVersion && lhs.releases == rhs.releases
            && lhs.projectURLs == rhs.projectURLs && lhs.status == rhs.status && lhs.statusReason == rhs.statusReason
            && lhs.pageURL == rhs.pageURL
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(releases.count)
    }
}

/// A release in the newest-first order of `ProjectFacts.releaseOrder`: where it stands in
/// `releases`, and the epoch, major and minor numbers of its version (its series).
public struct RankedRelease: Hashable, Sendable {
    public var position: Int
    public var epoch: Int
    public var major: Int
    public var minor: Int

    public init(position: Int, epoch: Int, major: Int, minor: Int) {
        self.position = position; self.epoch = epoch; self.major = major; self.minor = minor
    }
}

/// One release (a version key of the index): its version, a summary of its files, and the files.
/// A release read from the cache is a handle: its row is decoded when first used, and its files
/// when they are first asked for (an audit reads a few releases of a project with thousands).
public struct ReleaseFacts: Codable, Hashable, Sendable {
    private let storage: Storage

    /// 24 bytes: a project read from the cache holds one handle per release (thousands for some).
    private enum Storage: Sendable {
        indirect case decoded(version: String, summary: ReleaseSummary, files: [ReleaseFile])
        case deferred(any ReleaseSource, release: Int)
    }

    /// The version text exactly as the index keys it (may be invalid PEP 440).
    public var version: String {
        switch storage {
        case .decoded(let version, _, _): version
        case .deferred(let source, let release): source.version(ofRelease: release)
        }
    }

    public var summary: ReleaseSummary {
        switch storage {
        case .decoded(_, let summary, _): summary
        case .deferred(let source, let release): source.summary(ofRelease: release)
        }
    }

    /// The release's files, decoded on first use when the release was read lazily.
    public var files: [ReleaseFile] {
        switch storage {
        case .decoded(_, _, let files): files
        case .deferred(let source, let release): source.files(ofRelease: release)
        }
    }

    /// The sha256 digest of each file, in the order of `files`; nil for a file published without
    /// one (or with one that is not 64 hex digits). Read without decoding the files when the
    /// release was read lazily (the hash check needs only these).
    public var digests: [SHA256Digest?] {
        switch storage {
        case .decoded(_, _, let files): files.map(\.sha256Digest)
        case .deferred(let source, let release): source.digests(ofRelease: release)
        }
    }

    public init(version: String, files: [ReleaseFile]) {
        storage = .decoded(version: version, summary: ReleaseSummary(files: files), files: files)
    }

    /// The `release`-th release of `source`, read from it when used.
    public init(source: any ReleaseSource, release: Int) {
        storage = .deferred(source, release: release)
    }

    public var fileCount: Int { summary.fileCount }
    public var hasFiles: Bool { summary.fileCount > 0 }
    public var isYanked: Bool { summary.isYanked }
    public var yankedReason: String? { summary.yankedReason }
    public var requiresPython: String? { summary.requiresPython }
    public var released: CalendarDay? { summary.released }

    public static func == (lhs: ReleaseFacts, rhs: ReleaseFacts) -> Bool {
        lhs.version == rhs.version && lhs.summary == rhs.summary && lhs.files == rhs.files
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(version)
        hasher.combine(summary)
    }

    private enum CodingKeys: String, CodingKey { case version, files }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(version: try container.decode(String.self, forKey: .version),
                  files: try container.decode([ReleaseFile].self, forKey: .files))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(files, forKey: .files)
    }
}

/// Where lazily read releases come from (the index client's cache records). Each answer is
/// decoded once, then remembered.
public protocol ReleaseSource: AnyObject, Sendable {
    func version(ofRelease release: Int) -> String
    func summary(ofRelease release: Int) -> ReleaseSummary
    func files(ofRelease release: Int) -> [ReleaseFile]
    /// `ReleaseFacts.digests` of the release.
    func digests(ofRelease release: Int) -> [SHA256Digest?]
}

extension ReleaseSource {
    public func digests(ofRelease release: Int) -> [SHA256Digest?] { files(ofRelease: release).map(\.sha256Digest) }
}

/// What the analyses need of a release without its files.
public struct ReleaseSummary: Hashable, Sendable {
    public var fileCount: Int
    /// PEP 592: a release is yanked when every file is yanked (and it has files).
    public var isYanked: Bool
    /// The first non-empty `yanked_reason` of any file, stripped; nil when not yanked or when
    /// that reason is only spaces (it hides later ones, as in `packaging`-based tools).
    public var yankedReason: String?
    /// The first non-empty `requires_python` among the files.
    public var requiresPython: String?
    /// The day (UTC) of the earliest upload among the files.
    public var released: CalendarDay?

    public init(fileCount: Int, isYanked: Bool, yankedReason: String?, requiresPython: String?, released: CalendarDay?) {
        self.fileCount = fileCount; self.isYanked = isYanked; self.yankedReason = yankedReason
        self.requiresPython = requiresPython; self.released = released
    }

    public init(files: [ReleaseFile]) {
        let yanked = !files.isEmpty && files.allSatisfy(\.yanked)
        var reason: String?
        if yanked {
            let stripped = files.lazy.compactMap(\.yankedReason).first { !$0.isEmpty }?.trimmingWhitespace ?? ""
            reason = stripped.isEmpty ? nil : stripped
        }
        self.init(fileCount: files.count, isYanked: yanked, yankedReason: reason,
                  requiresPython: files.lazy.compactMap(\.requiresPython).first { !$0.isEmpty },
                  released: files.compactMap { $0.uploadTime.flatMap(CalendarDay.init(iso:)) }.min())
    }
}

public struct ReleaseFile: Codable, Hashable, Sendable {
    public var filename: String
    /// `bdist_wheel`, `sdist`, ... (JSON API `packagetype`; derived from the file name for the Simple API).
    public var packageType: String?
    public var url: String
    public var yanked: Bool
    public var yankedReason: String?
    public var uploadTime: String?
    public var requiresPython: String?
    /// Hex sha256 digest, lowercased, when published.
    public var sha256: String?
    /// PEP 658/714: the index serves `<url>.metadata`.
    public var hasCoreMetadata: Bool

    /// `sha256` when it is 64 hex digits.
    public var sha256Digest: SHA256Digest? { sha256.flatMap(SHA256Digest.init(hex:)) }

    public init(filename: String, packageType: String? = nil, url: String, yanked: Bool = false, yankedReason: String? = nil,
                uploadTime: String? = nil, requiresPython: String? = nil, sha256: String? = nil, hasCoreMetadata: Bool = false) {
        self.filename = filename; self.packageType = packageType; self.url = url; self.yanked = yanked
        self.yankedReason = yankedReason; self.uploadTime = uploadTime; self.requiresPython = requiresPython
        self.sha256 = sha256; self.hasCoreMetadata = hasCoreMetadata
    }
}

/// Dependency metadata of one version.
public struct VersionMetadata: Codable, Hashable, Sendable {
    public var name: String
    public var version: String
    /// `Requires-Dist` lines, PEP 508 text as published.
    public var requiresDist: [String]
    public var requiresPython: String?
    public var providesExtra: [String]
    /// Per-version vulnerabilities; nil when the index does not publish them (the Simple API, core metadata).
    public var vulnerabilities: [Vulnerability]?
    /// The version's links (`Project-URL` label → URL, plus `Home-page` as "Homepage"); nil when
    /// not read. Reports use them when the project document carries none (the Simple API's).
    public var projectURLs: [String: String]?

    public init(name: String, version: String, requiresDist: [String], requiresPython: String? = nil,
                providesExtra: [String] = [], vulnerabilities: [Vulnerability]? = nil, projectURLs: [String: String]? = nil) {
        self.name = name; self.version = version; self.requiresDist = requiresDist
        self.requiresPython = requiresPython; self.providesExtra = providesExtra; self.vulnerabilities = vulnerabilities
        self.projectURLs = projectURLs
    }
}

public struct Vulnerability: Codable, Hashable, Sendable {
    public var id: String
    public var aliases: [String]
    public var fixedIn: [String]
    public var summary: String?
    public var link: String?
    public var withdrawn: Bool
    /// Where it came from: "pypi", "osv", "osv-db".
    public var source: String
    /// How severe it is (CVSS base score or the database's word); nil when the source gives no severity.
    public var severity: VulnerabilitySeverity?
    /// True when the advisory reports a malicious package (OSV `MAL-` ids); nil when not known to be.
    public var malicious: Bool?

    public init(id: String, aliases: [String] = [], fixedIn: [String] = [], summary: String? = nil, link: String? = nil,
                withdrawn: Bool = false, source: String = "pypi", severity: VulnerabilitySeverity? = nil, malicious: Bool? = nil) {
        self.id = id; self.aliases = aliases; self.fixedIn = fixedIn; self.summary = summary; self.link = link
        self.withdrawn = withdrawn; self.source = source; self.severity = severity; self.malicious = malicious
    }

    /// A malicious-package report: marked so, or an id or alias of OSV's `MAL-` series.
    public var isMalicious: Bool {
        malicious == true || ([id] + aliases).contains(where: OSVAdvisory.isMaliciousID)
    }
}

/// An index answer that is not the document: data with a reason, never an error that ends the run.
public enum IndexFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// 404: the index has no such project (or version).
    case notFound
    /// The index gave no dependency metadata for this version (sdist-only, no JSON API).
    case metadataUnavailable(reason: String)
    /// Network or server failure after retries, or an unusable answer; the reason is redacted of credentials.
    case unavailable(reason: String)
    /// `--offline` and nothing cached.
    case notCached

    public var description: String {
        switch self {
        case .notFound: "not found on the index"
        case .metadataUnavailable(let r): "metadata unavailable: \(r)"
        case .unavailable(let r): "index error: \(r)"
        case .notCached: "not in the cache (offline)"
        }
    }
}

/// The package index, as the analyses see it. The index client implements it over libcurl and the
/// cache; tests implement it over dictionaries.
public protocol PackageIndex: Sendable {
    /// The project document of a canonical name.
    func project(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure>
    /// Dependency metadata of one version (the version text as the index keys it).
    func metadata(_ canonicalName: String, version: String) async -> Result<VersionMetadata, IndexFailure>
    /// The project document for a caller that asks once and is done with it (the audit reads each
    /// pinned project once): an answer already known is shared, a new one is not kept.
    func projectOnce(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure>
}

extension PackageIndex {
    public func projectOnce(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure> {
        await project(canonicalName)
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
