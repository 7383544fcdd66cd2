import PythonPackaging

/// The index as the planner sees it during one run: answers memoized by `IndexMemo`, parsed forms
/// (catalogs, `Requires-Dist`) kept here so the consistency checks stay cheap. Used by one task at a
/// time, in order, so it needs no locking.
final class PlanSession {
    let index: IndexMemo
    let options: PlanOptions
    private var projects: [String: Result<ProjectFacts, IndexFailure>] = [:]
    private var catalogs: [String: ReleaseCatalog] = [:]
    private var metadataCache: [String: VersionMetadata?] = [:]
    private var requiresCache: [String: [Requirement]?] = [:]
    private let pythonVersions: [Version]

    init(index: IndexMemo, options: PlanOptions) {
        self.index = index
        self.options = options
        pythonVersions = options.pythons.compactMap(Version.parse)
    }

    func project(_ name: String) async -> Result<ProjectFacts, IndexFailure> {
        if let known = projects[name] { return known }
        let answer = await index.project(name)
        projects[name] = answer
        return answer
    }

    func catalog(_ name: String) async -> ReleaseCatalog? {
        if let known = catalogs[name] { return known }
        guard case .success(let facts) = await project(name) else { return nil }
        let catalog = ReleaseCatalog(facts)
        catalogs[name] = catalog
        return catalog
    }

    func metadata(_ name: String, _ version: String) async -> VersionMetadata? {
        let key = name + "==" + version
        if let known = metadataCache[key] { return known }
        let answer: VersionMetadata?
        if case .success(let m) = await index.metadata(name, version: version) { answer = m } else { answer = nil }
        metadataCache[key] = answer
        return answer
    }

    /// Every parseable `Requires-Dist` of one version; nil when the index has no metadata for it.
    func requires(_ name: String, _ version: String) async -> [Requirement]? {
        let key = name + "==" + version
        if let known = requiresCache[key] { return known }
        let parsed = await metadata(name, version).map { $0.requiresDist.compactMap { try? Requirement($0) } }
        requiresCache[key] = parsed
        return parsed
    }

    /// The requirements of one version that apply to some target with these extras (self-references dropped).
    func applicableRequires(_ name: String, _ version: String, extras: Set<String>) async -> [Requirement] {
        guard let all = await requires(name, version) else { return [] }
        return all.filter { $0.canonicalName != name && applies($0.marker, extras: extras) }
    }

    func applies(_ marker: Marker?, extras: Set<String> = []) -> Bool {
        guard let marker else { return true }
        if options.targets.isEmpty { return marker.evaluate(.target(pythonVersion: "3.12", platform: .linux), extras: extras) }
        return options.targets.contains { marker.evaluate($0, extras: extras) }
    }

    // MARK: Eligibility

    /// Why a release may not be proposed, or nil when it may.
    enum Ineligible: Equatable {
        case yanked, prerelease, python, local, tooYoung(released: CalendarDay?)
    }

    /// A release that can be installed on every target and is allowed by the pre-release policy;
    /// `cooldown` also requires it to be at least `min-age` days old (an unknown date counts as too young).
    func ineligibility(_ release: ReleaseCatalog.Release, package: String, cooldown: Bool) -> Ineligible? {
        if release.isYanked { return .yanked }
        if !release.version.local.isEmpty { return .local }
        if release.version.isPrerelease && !options.policy.allowPrereleases { return .prerelease }
        if !admitsAllPythons(release) { return .python }
        if cooldown, !oldEnough(release, package: package) { return .tooYoung(released: release.released) }
        return nil
    }

    func admitsAllPythons(_ release: ReleaseCatalog.Release) -> Bool {
        guard let text = release.facts.requiresPython, let set = try? SpecifierSet(text) else { return true }
        return pythonVersions.allSatisfy { set.contains($0, prereleases: true) }
    }

    func oldEnough(_ release: ReleaseCatalog.Release, package: String) -> Bool {
        let minAge = options.policy.minAge(for: package)
        guard minAge > 0 else { return true }
        guard let day = release.released else { return false }
        return day.days(until: options.today) >= minAge
    }

    /// Eligible releases of a package, ascending.
    func eligible(_ name: String, cooldown: Bool) async -> [ReleaseCatalog.Release] {
        guard let catalog = await catalog(name) else { return [] }
        return catalog.releases.filter { ineligibility($0, package: name, cooldown: cooldown) == nil }
            .sorted { $0.version < $1.version }
    }

    /// The release a version key names.
    func release(_ name: String, _ version: String) async -> ReleaseCatalog.Release? {
        guard let catalog = await catalog(name) else { return nil }
        if let exact = catalog.releases.first(where: { $0.key == version }) { return exact }
        return Version.parse(version).flatMap { catalog.release($0) }
    }

    /// The changelog or release notes the project links to, else its page on the index. The
    /// links of `version`'s metadata stand in when the project document has none (a Simple API page).
    func link(_ name: String, version: String) async -> String? {
        guard case .success(var facts) = await project(name) else { return nil }
        if facts.projectURLs.isEmpty, let links = await metadata(name, version)?.projectURLs { facts.projectURLs = links }
        return ChangelogLink.find(in: facts)
    }

    /// The name as the project writes it. A Simple API page gives the normalized name only; then
    /// `version`'s metadata gives the written one.
    func displayName(_ name: String, version: String) async -> String {
        var shown = name
        if case .success(let facts) = await project(name), !facts.name.isEmpty { shown = facts.name }
        if shown == name, let written = await metadata(name, version)?.name, written != name,
           PackageName.canonicalize(written) == name {
            shown = written
        }
        return shown
    }
}

/// Picks the link a reviewer wants next to an update: release notes over a project page; only
/// web links (`OutputSanitizer.webLink`), so a `javascript:` changelog falls back to the next.
enum ChangelogLink {
    /// `project_urls` labels, normalized (lowercase, letters and digits only), best first.
    static let labels = ["changelog", "changes", "releasenotes", "history", "whatsnew", "news", "changelogs", "releases"]

    static func find(in project: ProjectFacts) -> String? {
        var byLabel: [String: String] = [:]
        for (label, url) in project.projectURLs.sorted(by: { $0.key < $1.key }) {
            let key = String(label.lowercased().unicodeScalars.filter { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }.map(Character.init))
            if byLabel[key] == nil, let url = OutputSanitizer.webLink(url) { byLabel[key] = url }
        }
        for label in labels { if let url = byLabel[label] { return url } }
        if let page = OutputSanitizer.webLink(project.pageURL) { return page }
        return byLabel["homepage"]
    }
}
