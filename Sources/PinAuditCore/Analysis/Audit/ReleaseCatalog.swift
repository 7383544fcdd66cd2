import Foundation
import PythonPackaging

/// A project's releases read as PEP 440 versions, the way `oracle-versions` reads them: keys that do
/// not parse are skipped, releases without files are skipped, and when two keys are the same
/// version (`1.0`, `1.0.0`) the later one wins.
struct ReleaseCatalog {
    /// A class: catalogs filter and pass releases around a lot, and a reference copies cheaply.
    final class Release: Sendable {
        let key: String
        let version: Version
        let facts: ReleaseFacts
        /// `requires_python` parsed; nil when absent or unparseable (both admit every interpreter).
        let requiresPython: SpecifierSet?

        init(key: String, version: Version, facts: ReleaseFacts, requiresPython: SpecifierSet?) {
            self.key = key; self.version = version; self.facts = facts; self.requiresPython = requiresPython
        }

        var isYanked: Bool { facts.isYanked }

        /// The first non-empty `yanked_reason` of any file, stripped; nil when not yanked.
        var yankedReason: String? { facts.yankedReason }

        /// Whether `requires_python` admits the interpreter: unparseable or absent admits.
        func admits(python: Version?) -> Bool {
            guard let python, let requiresPython else { return true }
            return requiresPython.contains(python, prereleases: true)
        }

        /// The `yyyy-mm-dd` of the earliest upload.
        var released: CalendarDay? { facts.released }
    }

    /// Releases with files, one per distinct version, in index order.
    let releases: [Release]
    /// Keys that parse but have no files (the index lists the version, pip cannot install it).
    let emptyKeys: [(key: String, version: Version)]

    init(_ project: ProjectFacts) {
        var releases: [Release] = []
        var position: [Version: Int] = [:]
        var empty: [(String, Version)] = []
        releases.reserveCapacity(project.releases.count)
        position.reserveCapacity(project.releases.count)
        for facts in project.releases {
            guard let version = Version.parse(facts.version) else { continue }
            guard facts.hasFiles else { empty.append((facts.version, version)); continue }
            let requiresPython = facts.requiresPython.flatMap(RequiresPythonTexts.shared.parse)
            let release = Release(key: facts.version, version: version, facts: facts, requiresPython: requiresPython)
            if let existing = position[version] {
                releases[existing] = release
            } else {
                position[version] = releases.count
                releases.append(release)
            }
        }
        self.releases = releases
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
        var admitted: [String: Bool] = [:]  // by `requires_python` text: releases share a few
        return releases.filter { release in
            guard !release.isYanked, !release.version.isPrerelease else { return false }
            guard let text = release.facts.requiresPython else { return true }
            if let known = admitted[text] { return known }
            let admits = release.admits(python: python)
            admitted[text] = admits
            return admits
        }
    }
}

/// The newest candidates overall, in the pin's major series and in its minor series.
struct NewestReleases {
    var latest: ReleaseCatalog.Release?
    var latestMinor: ReleaseCatalog.Release?
    var latestPatch: ReleaseCatalog.Release?

    init(candidates: [ReleaseCatalog.Release], pinned: Version) {
        for candidate in candidates {
            let version = candidate.version
            if latest.map({ $0.version < version }) ?? true { latest = candidate }
            guard version.epoch == pinned.epoch, version.releasePart(0) == pinned.releasePart(0) else { continue }
            if latestMinor.map({ $0.version < version }) ?? true { latestMinor = candidate }
            guard version.releasePart(1) == pinned.releasePart(1) else { continue }
            if latestPatch.map({ $0.version < version }) ?? true { latestPatch = candidate }
        }
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

/// `requires_python` texts parsed once per process: the releases of all projects share a few dozen
/// of them (`>=3.8`, `>=2.7, !=3.0.*, ...`), and parsing is a pure function of the text.
final class RequiresPythonTexts: @unchecked Sendable {
    static let shared = RequiresPythonTexts()
    private let lock = NSLock()
    private var parsed: [String: SpecifierSet?] = [:]

    /// The specifier set of `text`; nil when it does not parse (which admits every interpreter).
    func parse(_ text: String) -> SpecifierSet? {
        lock.lock()
        if let known = parsed[text] { lock.unlock(); return known }
        lock.unlock()
        let set = try? SpecifierSet(text)
        lock.lock(); parsed[text] = set; lock.unlock()
        return set
    }
}
