import PythonPackaging

/// What the audit found for one pin: findings, and the fields of its `PackageReport`.
public struct PackageAuditResult: Hashable, Sendable {
    public var findings: [Finding]
    /// Newest candidates for the first target Python (see `AuditOptions.pythonVersions`), as index keys.
    public var latest: String?
    public var latestMinor: String?
    public var latestPatch: String?
    /// Whether the pinned release is yanked; nil when the index never had it.
    public var yanked: Bool?
    public var yankedReason: String?
    /// nil when the selected vulnerability sources publish nothing for this version.
    public var vulnerabilities: [Vulnerability]?
    /// `yyyy-mm-dd` of the pinned and the latest release's first upload.
    public var released: String?
    public var latestReleased: String?
    public var requiresPython: String?
    public var projectURLs: [String: String]?
    public var pageURL: String?

    public init(findings: [Finding] = []) { self.findings = findings }

    /// True when vulnerabilities could not be checked for lack of data (see `PackageAudit.reportNotes`).
    public var lacksVulnerabilityData: Bool { vulnerabilities == nil }
}

extension PackageReport {
    /// Copies the audit's fields into the report of the package.
    public mutating func fill(from result: PackageAuditResult) {
        latest = result.latest; latestMinor = result.latestMinor; latestPatch = result.latestPatch
        yanked = result.yanked; yankedReason = result.yankedReason; vulnerabilities = result.vulnerabilities
        released = result.released; latestReleased = result.latestReleased; requiresPython = result.requiresPython
        projectURLs = result.projectURLs; pageURL = result.pageURL
    }
}

/// The audit of one pin over what the index said: a pure function of its arguments.
public enum PackageAudit {
    /// - Parameters:
    ///   - pin: the package, pinned version, location and hashes.
    ///   - project: the index's project document.
    ///   - metadata: the pinned version's metadata, when fetched (carries the index's vulnerabilities).
    ///   - osvVulnerabilities: OSV's answer for the pin, when asked (`vuln-source` osv or both).
    ///   - options: targets, severities, hash mode, today.
    public static func audit(_ pin: AuditPin, project: ProjectFacts, metadata: VersionMetadata? = nil,
                             osvVulnerabilities: [Vulnerability]? = nil, options: AuditOptions) -> PackageAuditResult {
        var result = PackageAuditResult()
        // A Simple API page carries no links: the pinned version's metadata does.
        result.projectURLs = project.projectURLs.isEmpty ? metadata?.projectURLs ?? [:] : project.projectURLs
        result.pageURL = project.pageURL

        let catalog = ReleaseCatalog(project)
        let python = options.pythonVersions.first.flatMap(Version.parse)
        let pinned = Version.parse(pin.version)
        let newest = catalog.newest(python: python, pinned: pinned)
        let latest = newest.latest
        result.latest = latest?.key
        result.latestMinor = newest.latestMinor?.key
        result.latestPatch = newest.latestPatch?.key
        result.latestReleased = latest?.released?.description

        if let status = ProjectStatusAnalysis.finding(pin, project: project) { result.findings.append(status) }

        var pinnedFacts: ReleaseFacts?
        switch VersionMatchAnalysis.match(pin, pinned: pinned, catalog: catalog, project: project, latest: latest) {
        case .missing(let finding):
            result.findings.append(finding)
        case .unparsed(let facts):
            pinnedFacts = facts
            result.yanked = facts.map(\.isYanked)
        case .found(let release):
            pinnedFacts = release.facts
            result.yanked = release.isYanked
            result.yankedReason = release.yankedReason
            result.released = release.released?.description
            if release.isYanked,
               let yanked = YankedAnalysis.finding(pin, release: release, candidates: catalog.candidates(python: python)) {
                result.findings.append(yanked)
            }
            if let pinned, let local = VersionMatchAnalysis.localBuildFinding(pin, pinned: pinned, catalog: catalog) {
                result.findings.append(local)
            }
            if let pinned,
               let outdated = OutdatedAnalysis.finding(pin, pinned: pinned, pinnedRelease: release, newest: newest, options: options) {
                result.findings.append(outdated)
            }
        }
        result.requiresPython = pinnedFacts?.requiresPython ?? metadata?.requiresPython

        result.findings += HashAnalysis.findings(pin, release: pinnedFacts, requireHashes: options.requireHashes)

        result.vulnerabilities = VulnerabilityAnalysis.vulnerabilities(metadata: metadata, osv: osvVulnerabilities,
                                                                       source: options.vulnerabilitySource)
        if let vulnerabilities = result.vulnerabilities {
            result.findings += VulnerabilityAnalysis.findings(pin, pinned: pinned, vulnerabilities: vulnerabilities)
        }
        return result
    }

    /// Report-level notes over all audited packages, each said once: the packages whose
    /// vulnerabilities could not be checked because no selected source publishes per-version data.
    public static func reportNotes(_ results: [(package: String, result: PackageAuditResult)],
                                   source: VulnerabilitySource) -> [String] {
        // A pin to a version the index never had is reported as such; it is not a gap in the data.
        let missing = results.filter { $0.result.lacksVulnerabilityData && $0.result.yanked != nil }.map(\.package)
        guard !missing.isEmpty else { return [] }
        let names = Array(Set(missing)).sorted()
        let shown = names.count <= 10 ? names.joined(separator: ", ")
            : names.prefix(10).joined(separator: ", ") + " and \(names.count - 10) more"
        let packages = "\(names.count) package\(names.count == 1 ? "" : "s") (\(shown))"
        switch source {
        case .pypi, .auto:
            return ["The index publishes no per-version vulnerability data for \(packages); their vulnerabilities were not checked: "
                + "this index serves no per-version documents (some mirrors and proxies serve project documents only); `--vuln-source both` asks OSV as well, "
                + "and `pinaudit db update` fetches a local OSV database that the audit then reads."]
        case .osvDB:
            return ["The local OSV database gave no answer for \(packages); their vulnerabilities were not checked: check them by other means."]
        case .osv:
            return ["OSV gave no answer for \(packages); their vulnerabilities were not checked: check them by other means."]
        case .both:
            return ["Neither the index nor OSV gave vulnerability data for \(packages); their vulnerabilities were not checked: check them by other means."]
        }
    }
}
