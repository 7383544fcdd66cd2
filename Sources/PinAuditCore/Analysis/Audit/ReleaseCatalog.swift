import Foundation
import PythonPackaging

/// A project's releases read as PEP 440 versions, the way `oracle-versions` reads them: keys that do
/// not parse are skipped, releases without files are skipped, and when two keys are the same
/// version (`1.0`, `1.0.0`) the later one wins.
///
/// The catalog works from its members' order, newest first: the project's `releaseOrder` when the
/// cache recorded it, else worked out here by reading every version. With the recorded order,
/// the questions an audit asks (the newest releases, the pinned one, its local builds) read only
/// the releases near the top and near the pin; the full lists are built only when asked for.
/// A class, shared by reference; its memory of parsed releases is guarded by a lock.
final class ReleaseCatalog: @unchecked Sendable {
    /// A class: catalogs filter and pass releases around a lot, and a reference copies cheaply.
    final class Release: Sendable {
        let key: String
        let version: Version
        let facts: ReleaseFacts
        /// Where the release stands in the project's `releases`.
        let position: Int

        init(key: String, version: Version, facts: ReleaseFacts, position: Int) {
            self.key = key; self.version = version; self.facts = facts; self.position = position
        }


        var isYanked: Bool { facts.isYanked }

        /// The first non-empty `yanked_reason` of any file, stripped; nil when not yanked.
        var yankedReason: String? { facts.yankedReason }

        /// Whether `requires_python` admits the interpreter: unparseable or absent admits.
        func admits(python: Version?) -> Bool {
            guard let python, let text = facts.requiresPython else { return true }
            return RequiresPythonTexts.shared.admits(text, python: python)
        }

        /// The `yyyy-mm-dd` of the earliest upload.
        var released: CalendarDay? { facts.released }

        var ranked: RankedRelease {
            RankedRelease(position: position, epoch: version.epoch, major: version.releasePart(0), minor: version.releasePart(1))
        }

        /// Final, not yanked, admitted by `requires_python`: what an upgrade may move to.
        func isCandidate(python: Version?, admitted: inout [String: Bool]) -> Bool {
            guard !isYanked, !version.isPrerelease else { return false }
            guard let text = facts.requiresPython else { return true }
            if let known = admitted[text] { return known }
            let admits = admits(python: python)
            admitted[text] = admits
            return admits
        }
    }

    let project: ProjectFacts
    /// The members, newest first.
    private let order: [RankedRelease]
    private let lock = NSLock()
    /// Members read so far, by rank (index into `order`).
    private var byRank: [Int: Release] = [:]
    private var allReleases: [Release]?

    init(_ project: ProjectFacts) {
        self.project = project
        if let recorded = project.releaseOrder, recorded.allSatisfy({ project.releases.indices.contains($0.position) }) {
            order = recorded
        } else {
            let members = Self.members(of: project)
            order = members.map(\.ranked)
            for (rank, member) in members.enumerated() { byRank[rank] = member }
        }
    }

    /// Every member, newest first, reading every version: how the order is worked out (and recorded).
    static func members(of project: ProjectFacts) -> [Release] {
        var releases: [Release] = []
        var position: [Version: Int] = [:]
        releases.reserveCapacity(project.releases.count)
        position.reserveCapacity(project.releases.count)
        for (index, facts) in project.releases.enumerated() {
            guard facts.hasFiles, let version = Version.parse(facts.version) else { continue }
            let release = Release(key: facts.version, version: version, facts: facts, position: index)
            if let existing = position[version] {
                releases[existing] = release
            } else {
                position[version] = releases.count
                releases.append(release)
            }
        }
        // Equal versions were merged above, so the order is total.
        return releases.sorted { $0.version > $1.version }
    }

    private var count: Int { order.count }

    /// The member at `rank` (0 is the newest).
    private func release(atRank rank: Int) -> Release {
        if let known = lock.withLock({ byRank[rank] }) { return known }
        let position = order[rank].position
        let facts = project.releases[position]
        // A recorded order names only parseable versions; an unparseable one would be a damaged
        // record, read as version 0 so that it sorts last instead of stopping the audit.
        let version = Version.parse(facts.version) ?? Version(release: [0])
        let release = Release(key: facts.version, version: version, facts: facts, position: position)
        lock.withLock { byRank[rank] = release }
        return release
    }

    /// Members with files, one per distinct version, in index order (of two equal versions, the
    /// later key stands where it stands).
    var releases: [Release] {
        if let known = lock.withLock({ allReleases }) { return known }
        let all = (0..<count).map(release(atRank:)).sorted { $0.position < $1.position }
        lock.withLock { allReleases = all }
        return all
    }

    /// Keys that parse but have no files (the index lists the version, pip cannot install it).
    var emptyKeys: [(key: String, version: Version)] {
        project.releases.compactMap { facts in
            guard !facts.hasFiles, let version = Version.parse(facts.version) else { return nil }
            return (facts.version, version)
        }
    }

    /// The rank of the first member not newer than `version`: the series bounds the search, then
    /// a binary search inside it reads a few releases.
    private func firstRank(notNewerThan version: Version) -> Int {
        let series = [version.epoch, version.releasePart(0), version.releasePart(1)]
        let start = seriesStart { !series.lexicographicallyPrecedes([$0.epoch, $0.major, $0.minor]) }
        let end = seriesStart { [$0.epoch, $0.major, $0.minor].lexicographicallyPrecedes(series) }
        var low = start, high = end
        while low < high {
            let middle = (low + high) / 2
            if release(atRank: middle).version <= version { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The release a pin names, by PEP 440 equality (`3.2.0` is `3.2`).
    func release(_ version: Version) -> Release? {
        let rank = firstRank(notNewerThan: version)
        guard rank < count else { return nil }
        let found = release(atRank: rank)
        return found.version == version ? found : nil
    }

    /// Releases that an `==version` pin without a local label would also accept: `version+label`,
    /// in index order. They sort right above `version` (below any post-release of it).
    func localBuilds(of version: Version) -> [Release] {
        guard version.local.isEmpty else { return [] }
        var builds: [Release] = []
        var rank = firstRank(notNewerThan: version) - 1
        while rank >= 0 {
            let release = release(atRank: rank)
            guard !release.version.local.isEmpty, release.version.publicVersion == version else { break }
            builds.append(release)
            rank -= 1
        }
        return builds.sorted { $0.position < $1.position }
    }

    /// Final, non-yanked releases whose `requires_python` admits the interpreter, in index order.
    func candidates(python: Version?) -> [Release] {
        var admitted: [String: Bool] = [:]  // by `requires_python` text: releases share a few
        return releases.filter { $0.isCandidate(python: python, admitted: &admitted) }
    }

    /// The newest candidates for `python`: overall, and in the pinned version's major and minor
    /// series. The order keeps each series together and knows each member's series, so each
    /// answer is the first candidate from where its series starts: only the releases passed over
    /// are read.
    func newest(python: Version?, pinned: Version?) -> NewestReleases {
        var admitted: [String: Bool] = [:]
        func firstCandidate(from start: Int, while inSeries: (RankedRelease) -> Bool) -> Release? {
            var rank = start
            while rank < count, inSeries(order[rank]) {
                let release = release(atRank: rank)
                if release.isCandidate(python: python, admitted: &admitted) { return release }
                rank += 1
            }
            return nil
        }
        var newest = NewestReleases()
        newest.latest = firstCandidate(from: 0) { _ in true }
        guard let pinned else { return newest }
        let major = [pinned.epoch, pinned.releasePart(0)]
        let minor = major + [pinned.releasePart(1)]
        let majorStart = seriesStart { !major.lexicographicallyPrecedes([$0.epoch, $0.major]) }
        newest.latestMinor = firstCandidate(from: majorStart) { [$0.epoch, $0.major] == major }
        let minorStart = seriesStart { !minor.lexicographicallyPrecedes([$0.epoch, $0.major, $0.minor]) }
        newest.latestPatch = firstCandidate(from: minorStart) { [$0.epoch, $0.major, $0.minor] == minor }
        return newest
    }

    /// The first rank whose series satisfies `notAbove` (false for the newest members, true from
    /// some rank on), found without reading any release.
    private func seriesStart(where notAbove: (RankedRelease) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if notAbove(order[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// The newest candidates overall, in the pin's major series and in its minor series.
struct NewestReleases {
    var latest: ReleaseCatalog.Release?
    var latestMinor: ReleaseCatalog.Release?
    var latestPatch: ReleaseCatalog.Release?
}

extension ProjectFacts {
    /// The positions in `releases` of the releases an audit considers (PEP 440 versions with
    /// files, the later key of two equal versions), newest first: what the cache records as
    /// `releaseOrder`.
    public func newestFirstOrder() -> [RankedRelease] {
        ReleaseCatalog.members(of: self).map(\.ranked)
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

    private struct Question: Hashable {
        var text: String
        var python: Version
    }
    private var answers: [Question: Bool] = [:]

    /// Whether `text` admits `python` (an unparseable text admits it), answered once per process:
    /// an audit asks it of the newest releases of every project, and they share a few texts.
    func admits(_ text: String, python: Version) -> Bool {
        let question = Question(text: text, python: python)
        lock.lock()
        if let known = answers[question] { lock.unlock(); return known }
        lock.unlock()
        let answer = parse(text)?.contains(python, prereleases: true) ?? true
        lock.lock(); answers[question] = answer; lock.unlock()
        return answer
    }
}
