import PythonPackaging

/// Finds the packages that must move with one update so that the pins stay consistent: for each
/// requirement the move breaks, the newest allowed release of the other side that mends it, then
/// again for what that breaks, to a bounded depth and group size. Deterministic: violations and
/// candidates are tried in a fixed order.
struct CoupledMoveSearch {
    /// What coupled members may do.
    struct Limits {
        /// The largest update a member may make (the step's kind, capped by each package's max-level).
        var ceiling: (String) -> UpdateKind
        /// Members must be older than min-age.
        var cooldown: Bool
    }

    /// One package the step changes, and why.
    struct Member: Hashable {
        var name: String
        var version: String
        var reason: PlanReason?
    }

    enum Outcome {
        case found([Member])
        /// The first requirement the move broke and nothing mended; nil when a policy stopped it.
        case blocked(Violation?, detail: String)
    }

    let session: PlanSession
    let state: PinState
    /// Keys of violations present before the step (`Violation.key`); a step may keep them.
    let tolerated: Set<String>
    let frozen: Set<String>
    let limits: Limits

    /// Moves `package` to `version`, with whatever must move along.
    func search(package: String, version: String) async -> Outcome {
        var firstBlocker: Violation?
        let found = await attempt([Member(name: package, version: version, reason: nil)], depth: 0, firstBlocker: &firstBlocker)
        if let found { return .found(found) }
        let detail = firstBlocker.map { "no consistent move of \($0.kind == .missing ? "it" : "the packages involved") was found within \(session.options.maxCoupledDepth) levels" }
            ?? "no consistent move was found"
        return .blocked(firstBlocker, detail: detail)
    }

    private func attempt(_ members: [Member], depth: Int, firstBlocker: inout Violation?) async -> [Member]? {
        // A release whose dependencies the index does not publish cannot be shown consistent.
        if let last = members.last, await session.requires(last.name, last.version) == nil { return nil }
        let moves = Dictionary(uniqueKeysWithValues: members.map { ($0.name, $0.version) })
        let next = state.applying(moves)
        let fresh = await session.violations(next).filter { !tolerated.contains($0.key) }
        guard let violation = fresh.first else { return members }
        if depth == 0, firstBlocker == nil { firstBlocker = violation }
        guard depth < session.options.maxCoupledDepth, members.count < session.options.maxGroupSize else { return nil }

        for candidate in await mends(violation, moves: moves, state: next) {
            if let found = await attempt(members + [candidate], depth: depth + 1, firstBlocker: &firstBlocker) { return found }
        }
        return nil
    }

    /// Moves that would mend one violation, best first (at most three).
    private func mends(_ v: Violation, moves: [String: String], state next: PinState) async -> [Member] {
        let requirerMoved = v.requirer.map { moves[$0] != nil } ?? false
        let dependencyMoved = moves[v.dependency] != nil
        switch v.kind {
        case .missing:
            guard let requirer = v.requirer, let version = v.requirerVersion else { return [] }
            let specs = await session.demands(on: v.dependency, in: next)
            let options = await releases(of: v.dependency, satisfying: specs, above: nil)
            return options.suffix(2).reversed().map {
                Member(name: v.dependency, version: $0.key, reason: .requiredBy(package: requirer, version: version, requirement: v.requirementText))
            }
        case .conflict where requirerMoved && !dependencyMoved:
            // The moved package needs a newer dependency.
            guard let requirer = v.requirer, let version = v.requirerVersion, !frozen.contains(v.dependency),
                  let current = state.versions[v.dependency] else { return [] }
            let specs = await session.demands(on: v.dependency, in: next)
            let options = await releases(of: v.dependency, satisfying: specs, above: current)
            return options.suffix(3).reversed().map {
                Member(name: v.dependency, version: $0.key, reason: .requiredBy(package: requirer, version: version, requirement: v.requirementText))
            }
        case .conflict where dependencyMoved && !requirerMoved:
            // A package that depends on the moved one does not accept its new version: a newer
            // release of that package may.
            guard let requirer = v.requirer, let current = state.versions[requirer], !frozen.contains(requirer),
                  let newVersion = moves[v.dependency], let wanted = Version.parse(newVersion) else { return [] }
            return await acceptingReleases(of: requirer, above: current, dependency: v.dependency, version: wanted).map {
                Member(name: requirer, version: $0.key, reason: .accepts(package: v.dependency, version: newVersion))
            }
        default:
            return []
        }
    }

    /// Eligible releases of `name` (ascending) in every specifier, above `current` and within the ceiling.
    private func releases(of name: String, satisfying specs: [SpecifierSet], above current: String?) async -> [ReleaseCatalog.Release] {
        let floor = current.flatMap(Version.parse)
        let combined = SpecifierSet(specs.flatMap(\.clauses))
        return await session.eligible(name, cooldown: limits.cooldown).filter { release in
            guard combined.contains(release.version, prereleases: true) else { return false }
            guard let floor else { return true }
            return release.version > floor && limits.ceiling(name).allows(UpdateKind(from: floor, to: release.version))
        }
    }

    /// Newer releases of `requirer` whose requirement on `dependency` admits `version`, newest first
    /// (reads the metadata of at most ten releases).
    private func acceptingReleases(of requirer: String, above current: String, dependency: String, version: Version) async -> [ReleaseCatalog.Release] {
        guard let floor = Version.parse(current) else { return [] }
        let newer = await session.eligible(requirer, cooldown: limits.cooldown).filter {
            $0.version > floor && limits.ceiling(requirer).allows(UpdateKind(from: floor, to: $0.version))
        }
        var accepted: [ReleaseCatalog.Release] = []
        for release in newer.reversed().prefix(10) {
            guard let requires = await session.requires(requirer, release.key) else { continue }
            let onDependency = requires.filter { $0.canonicalName == dependency && session.applies($0.marker, extras: Set($0.extras)) }
            if onDependency.allSatisfy({ $0.specifier.contains(version, prereleases: true) }) { accepted.append(release) }
            if accepted.count == 3 { break }
        }
        return accepted
    }
}
