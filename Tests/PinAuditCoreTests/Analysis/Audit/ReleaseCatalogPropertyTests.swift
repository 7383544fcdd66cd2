import Testing
@testable import PinAuditCore
import PythonPackaging

/// The catalog reads only the releases near the top and near the pin, from an order the cache
/// records. These tests hold it to the plain definitions (filter every release, take the
/// maximum), on random projects full of the cases that make orders tricky: equal versions
/// written differently, local builds, pre-, post- and dev-releases, epochs, releases without
/// files, yanked ones and `requires_python` that rules some out.
struct ReleaseCatalogPropertyTests {
    typealias F = AuditFakeIndex

    static let versionPool = [
        "0.9", "1.0", "1.0.0", "1.0.1", "1.0.post1", "1.0+cpu", "1.0+cu118", "1.0.0+cpu", "1.0.1+local", "1.1", "1.1.0rc1",
        "1.1.dev0", "1.2", "1.10", "1.9.9", "2", "2.0.0", "2.0.1", "2.1a1", "2.1", "2.1.0.post0", "3.0.0.dev1", "1!0.1",
        "1!0.2", "not-a-version", "2.0.1+x.y", "10.0", "1.0.0.0.1",
    ]
    static let requiresPython = [nil, nil, nil, ">=3.8", ">=3.13", "<3", ">=2.7, !=3.0.*", "not a specifier"]

    /// A random project: releases drawn from the pool (repeats allowed, which is how a project
    /// gets `1.0` and `1.0.0`), some without files, some yanked.
    static func project(_ random: inout SeededGenerator) -> ProjectFacts {
        let count = Int.random(in: 0...18, using: &random)
        var keys: [String] = []
        for _ in 0..<count { keys.append(versionPool.randomElement(using: &random)!) }
        let releases = keys.map { key -> ReleaseFacts in
            if Int.random(in: 0..<8, using: &random) == 0 { return ReleaseFacts(version: key, files: []) }
            return F.release(key, yanked: Int.random(in: 0..<5, using: &random) == 0,
                             requiresPython: requiresPython.randomElement(using: &random)!)
        }
        return F.project("pkg", releases)
    }

    // The plain definitions, as the audit stated them before the catalog kept an order.

    /// Releases with files and a PEP 440 version; of equal versions the later key, standing where it stands.
    static func plainMembers(_ project: ProjectFacts) -> [(key: String, version: Version)] {
        var members: [(position: Int, key: String, version: Version)] = []
        for (position, facts) in project.releases.enumerated() where facts.hasFiles {
            guard let version = Version.parse(facts.version) else { continue }
            members.removeAll { $0.version == version }
            members.append((position, facts.version, version))
        }
        return members.sorted { $0.position < $1.position }.map { ($0.key, $0.version) }
    }

    static func plainCandidates(_ project: ProjectFacts, python: Version) -> [(key: String, version: Version)] {
        plainMembers(project).filter { member in
            let facts = project.releases.last { $0.version == member.key && $0.hasFiles }!
            guard !facts.isYanked, !member.version.isPrerelease else { return false }
            guard let text = facts.requiresPython, let set = try? SpecifierSet(text) else { return true }
            return set.contains(python, prereleases: true)
        }
    }

    @Test(arguments: [false, true])
    func agreesWithThePlainDefinitions(recordedOrder: Bool) {
        var random = SeededGenerator(seed: recordedOrder ? 7 : 11)
        for _ in 0..<400 {
            var project = Self.project(&random)
            if recordedOrder { project.releaseOrder = project.newestFirstOrder() }
            let catalog = ReleaseCatalog(project)
            let members = Self.plainMembers(project)
            #expect(catalog.releases.map(\.key) == members.map(\.key))
            for python in ["2.7", "3.12", "3.14"].compactMap(Version.parse) {
                let candidates = Self.plainCandidates(project, python: python)
                #expect(catalog.candidates(python: python).map(\.key) == candidates.map(\.key))
                for pinText in Self.versionPool + ["5.0", "0.1"] {
                    let pinned = Version.parse(pinText)
                    let newest = catalog.newest(python: python, pinned: pinned)
                    #expect(newest.latest?.key == candidates.max { $0.version < $1.version }?.key)
                    guard let pinned else { continue }
                    let sameMajor = candidates.filter { $0.version.epoch == pinned.epoch && $0.version.releasePart(0) == pinned.releasePart(0) }
                    let sameMinor = sameMajor.filter { $0.version.releasePart(1) == pinned.releasePart(1) }
                    #expect(newest.latestMinor?.key == sameMajor.max { $0.version < $1.version }?.key, "\(pinText) in \(project.releases.map(\.version))")
                    #expect(newest.latestPatch?.key == sameMinor.max { $0.version < $1.version }?.key, "\(pinText) in \(project.releases.map(\.version))")
                }
            }
            for pinText in Self.versionPool {
                guard let pinned = Version.parse(pinText) else { continue }
                #expect(catalog.release(pinned)?.key == members.first { $0.version == pinned }?.key)
                let builds = pinned.local.isEmpty
                    ? members.filter { !$0.version.local.isEmpty && $0.version.publicVersion == pinned } : []
                #expect(catalog.localBuilds(of: pinned).map(\.key) == builds.map(\.key), "\(pinText) in \(project.releases.map(\.version))")
            }
        }
    }

    @Test func aRecordedOrderIsReadOnlyNearTheTopAndThePin() {
        // 500 releases 1.0.0 ... 1.0.499 and 2.0: an audit of a pin at 1.0.250 never needs most of them.
        let releases = (0..<500).map { F.release("1.0.\($0)") } + [F.release("2.0")]
        var project = F.project("pkg", releases)
        project.releaseOrder = project.newestFirstOrder()
        let counting = CountingSource(project)
        let catalog = ReleaseCatalog(counting.project)
        let newest = catalog.newest(python: Version.parse("3.12"), pinned: Version.parse("1.0.250"))
        #expect(newest.latest?.key == "2.0" && newest.latestMinor?.key == "1.0.499" && newest.latestPatch?.key == "1.0.499")
        #expect(catalog.release(Version.parse("1.0.250")!)?.key == "1.0.250")
        #expect(counting.rowsRead < 30)
    }

    /// Releases served through a `ReleaseSource` that counts the rows it was asked for.
    final class CountingSource: ReleaseSource, @unchecked Sendable {
        let backing: [ReleaseFacts]
        var project: ProjectFacts
        private var asked = Set<Int>()

        init(_ original: ProjectFacts) {
            backing = original.releases
            project = original
            let order = original.releaseOrder
            project.releases = []
            project.releases = (0..<backing.count).map { ReleaseFacts(source: self, release: $0) }
            project.releaseOrder = order
        }

        var rowsRead: Int { asked.count }
        func version(ofRelease release: Int) -> String { asked.insert(release); return backing[release].version }
        func summary(ofRelease release: Int) -> ReleaseSummary { asked.insert(release); return backing[release].summary }
        func files(ofRelease release: Int) -> [ReleaseFile] { backing[release].files }
    }
}
