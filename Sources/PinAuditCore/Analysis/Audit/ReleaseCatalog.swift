import PythonPackaging

/// A project's releases read as PEP 440 versions, the way `oracle-versions` reads them: keys that do
/// not parse are skipped, releases without files are skipped, and when two keys are the same
/// version (`1.0`, `1.0.0`) the later one wins.
struct ReleaseCatalog {
    struct Release {
        let key: String
        let version: Version
        let facts: ReleaseFacts

        var isYanked: Bool { facts.isYanked }

        /// The first non-empty `yanked_reason` of any file, stripped; nil when not yanked.
        /// (A reason of only spaces hides later ones, as in the oracle.)
        var yankedReason: String? {
            guard isYanked else { return nil }
            let raw = facts.files.lazy.compactMap(\.yankedReason).first { !$0.isEmpty }
            let stripped = raw?.trimmingWhitespace ?? ""
            return stripped.isEmpty ? nil : stripped
        }

        /// Whether `requires_python` admits the interpreter: unparseable or absent admits.
        func admits(python: Version?) -> Bool {
            guard let python, let text = facts.requiresPython else { return true }
            guard let set = try? SpecifierSet(text) else { return true }
            return set.contains(python, prereleases: true)
        }

        /// The `yyyy-mm-dd` of the earliest upload.
        var released: CalendarDay? { facts.uploadTime.flatMap(CalendarDay.init(iso:)) }
    }

    /// Releases with files, one per distinct version, in index order.
    let releases: [Release]
    /// Keys that parse but have no files (the index lists the version, pip cannot install it).
    let emptyKeys: [(key: String, version: Version)]

    init(_ project: ProjectFacts) {
        var order: [Version] = []
        var byVersion: [Version: Release] = [:]
        var empty: [(String, Version)] = []
        for facts in project.releases {
            guard let version = Version.parse(facts.version) else { continue }
            guard !facts.files.isEmpty else { empty.append((facts.version, version)); continue }
            if byVersion[version] == nil { order.append(version) }
            byVersion[version] = Release(key: facts.version, version: version, facts: facts)
        }
        releases = order.compactMap { byVersion[$0] }
        emptyKeys = empty.map { (key: $0.0, version: $0.1) }
    }

    /// The release a pin names, by PEP 440 equality (`3.2.0` is `3.2`).
    func release(_ version: Version) -> Release? {
        releases.first { $0.version == version }
    }

    /// Releases that an `==version` pin without a local label would also accept: `version+label`.
    func localBuilds(of version: Version) -> [Release] {
        guard version.local.isEmpty else { return [] }
        return releases.filter { !$0.version.local.isEmpty && $0.version.publicVersion == version }
    }

    /// Final, non-yanked releases whose `requires_python` admits the interpreter.
    func candidates(python: Version?) -> [Release] {
        releases.filter { !$0.isYanked && !$0.version.isPrerelease && $0.admits(python: python) }
    }
}

/// The newest candidates overall, in the pin's major series and in its minor series.
struct NewestReleases {
    var latest: ReleaseCatalog.Release?
    var latestMinor: ReleaseCatalog.Release?
    var latestPatch: ReleaseCatalog.Release?

    init(candidates: [ReleaseCatalog.Release], pinned: Version) {
        func series(_ v: Version, parts: Int) -> [Int] { [v.epoch] + (0..<parts).map { v.releasePart($0) } }
        func newest(_ keep: (Version) -> Bool) -> ReleaseCatalog.Release? {
            candidates.filter { keep($0.version) }.max { $0.version < $1.version }
        }
        latest = newest { _ in true }
        latestMinor = newest { series($0, parts: 1) == series(pinned, parts: 1) }
        latestPatch = newest { series($0, parts: 2) == series(pinned, parts: 2) }
    }
}

extension UpdateKind {
    /// The kind of update from one version to a newer one: a different epoch or major is major.
    init(from old: Version, to new: Version) {
        if old.epoch != new.epoch || old.releasePart(0) != new.releasePart(0) {
            self = .major
        } else if old.releasePart(1) != new.releasePart(1) {
            self = .minor
        } else {
            self = .patch
        }
    }
}
