import PythonPackaging

/// Builds the update `Plan` of a set of pins: a pure function of the entries, the index's answers
/// and the options (no clock, no disk).
///
/// Policy, in order of the phases:
/// 1. **Security and yanked fixes** (must do). A vulnerable pin moves to the smallest eligible
///    release at or above the largest "smallest `fixed_in` above the pin" of its vulnerabilities,
///    checked against that release's own vulnerability data when the index publishes it. A yanked
///    pin moves to the nearest installable release (same minor series first, then newer, then
///    older), as `YankedAnalysis` suggests. These fixes may exceed `max-level` and ignore `min-age`
///    for the fixed package itself; the step then says so in its notes. Packages that move along
///    stay within the policy when possible, else the step says which exceeds it.
/// 2. **Patch, 3. minor, 4. major updates**: per package (by name), the newest release of that kind
///    within `max-level` and older than `min-age` days; if it cannot be made consistent, up to four
///    older ones of the same kind. Packages that move along make updates of at most the same kind.
///
/// Frozen packages never move (not even for a vulnerability: the plan lists them under `held`).
/// Pins with a local build label (`+cu121`) are not updated. Pre-releases only with
/// `allow-prereleases`. A release must admit every target Python. A release's date is its earliest
/// file upload; with `min-age` > 0 a release without a date counts as too young.
public struct UpdatePlanner: Sendable {
    public let index: IndexMemo
    public let options: PlanOptions

    public init(index: IndexMemo, options: PlanOptions) {
        self.index = index
        self.options = options
    }

    /// Plans updates of the exact pins among `entries` (requirements, constraints and lockfile
    /// entries whose markers apply to a target).
    public func plan(entries: [RequirementEntry]) async -> Plan {
        let session = PlanSession(index: index, options: options)
        var run = PlanRun(session: session, options: options)
        await run.readPins(entries)
        await run.mandatoryPhase()
        for kind in [UpdateKind.patch, .minor, .major] { await run.routinePhase(kind) }
        await run.collectHeld()
        var plan = Plan(steps: run.steps, blocked: run.blocked, held: run.held, skipped: run.skipped,
                        targets: options.targetLabels, today: options.today)
        plan.fingerprint = PlanFormatter.fingerprint(plan)
        return plan
    }
}

/// The mutable state of one planning run.
struct PlanRun {
    let session: PlanSession
    let options: PlanOptions
    var policy: PlanConfiguration { options.policy }

    var state = PinState(versions: [:], rootExtras: [:], rootDemands: [])
    /// Packages the plan may move (pinned, known to the index, not local builds), sorted.
    var plannable: [String] = []
    var locations: [String: [SourceLocation]] = [:]
    var localPins: Set<String> = []
    var tolerated: Set<String> = []
    /// For each package, the steps that moved it: (step, from, to); `from` nil when a step added it.
    var history: [String: [(step: Int, from: String?, to: String)]] = [:]

    var steps: [PlanStep] = []
    var blocked: [BlockedUpdate] = []
    var held: [HeldUpdate] = []
    var skipped: [SkippedPackage] = []

    init(session: PlanSession, options: PlanOptions) {
        self.session = session
        self.options = options
    }

    var frozen: Set<String> { Set(policy.freeze.map(PackageName.canonicalize)) }

    mutating func readPins(_ entries: [RequirementEntry]) async {
        var written: [String: String] = [:]
        for entry in entries where PinningAnalysis.isApplicable(entry, targets: options.targets) && !entry.editable {
            guard let name = entry.canonicalName else { continue }
            if let version = PinningAnalysis.exactVersion(entry), entry.url == nil {
                locations[name, default: []].append(entry.location)
                if written[name] == nil { written[name] = version }
                state.rootExtras[name, default: []].formUnion(entry.extras.map(PackageName.canonicalize))
            } else if !entry.specifier.isEmpty, entry.url == nil {
                state.rootDemands.append(.init(name: name, specifier: entry.specifier, location: entry.location))
            }
        }
        for name in written.keys.sorted() {
            let version = written[name]!
            switch await session.project(name) {
            case .failure(let failure):
                skipped.append(SkippedPackage(package: name, reason: "skipped \(name): \(failure)."))
                state.versions[name] = version
                continue
            case .success:
                break
            }
            guard let release = await session.release(name, version) else {
                skipped.append(SkippedPackage(package: name, reason: "skipped \(name): \(name)==\(version) is not a release the index has."))
                state.versions[name] = version
                continue
            }
            state.versions[name] = release.key
            if !release.version.local.isEmpty { localPins.insert(name); continue }
            plannable.append(name)
        }
        tolerated = Set(await session.violations(state).map(\.key))
    }

    // MARK: Phases

    mutating func mandatoryPhase() async {
        for name in plannable where !frozen.contains(name) {
            guard let key = state.versions[name], let pinned = await session.release(name, key) else { continue }
            let vulnerabilities = await vulnerabilities(name, key)
            if !vulnerabilities.isEmpty {
                await securityFix(name, pinned: pinned, vulnerabilities: vulnerabilities)
            } else if pinned.isYanked {
                await yankFix(name, pinned: pinned)
            }
        }
    }

    mutating func routinePhase(_ kind: UpdateKind) async {
        for name in plannable where !frozen.contains(name) && policy.maxLevel(for: name).allows(kind) {
            guard let key = state.versions[name], let current = Version.parse(key) else { continue }
            let candidates = await session.eligible(name, cooldown: true)
                .filter { $0.version > current && UpdateKind(from: current, to: $0.version) == kind }
            guard let newest = candidates.last else { continue }
            let limits = CoupledMoveSearch.Limits(ceiling: { [policy] member in
                let level = policy.maxLevel(for: member)
                return level.planRank < kind.planRank ? level : kind
            }, cooldown: true)
            var firstBlock: (Violation?, String)?
            for candidate in candidates.reversed().prefix(5) {
                switch await search(name, to: candidate.key, limits: limits) {
                case .found(let members):
                    var notes: [String] = []
                    if candidate.key != newest.key, let (violation, _) = firstBlock {
                        notes.append("\(newest.key) is newer but blocked" + (violation.map { ": \($0.requirerText) requires `\($0.requirementText)`" } ?? "") + ".")
                    }
                    await commit(StepKind(kind), members: members, primaryReasons: [.update(kind)], notes: notes)
                    firstBlock = nil
                case .blocked(let violation, let detail):
                    if firstBlock == nil { firstBlock = (violation, detail) }
                    continue
                }
                break
            }
            if let (violation, detail) = firstBlock {
                blocked.append(blockedUpdate(name, from: key, to: newest.key, kind: StepKind(kind), violation: violation, detail: detail))
            }
        }
    }

    // MARK: Mandatory fixes

    func vulnerabilities(_ name: String, _ version: String) async -> [Vulnerability] {
        let fromIndex = await session.metadata(name, version)?.vulnerabilities ?? []
        return VulnerabilityMerge.merge([fromIndex, options.extraVulnerabilities[name] ?? [], options.vulnerabilityLookup?(name, version) ?? []])
    }

    mutating func securityFix(_ name: String, pinned: ReleaseCatalog.Release, vulnerabilities: [Vulnerability]) async {
        let fixes = vulnerabilities.map { ($0, VulnerabilityAnalysis.fixVersion($0, above: pinned.version).flatMap(Version.parse)) }
        let fixable = fixes.filter { $0.1 != nil }
        let unfixable = fixes.filter { $0.1 == nil }.map(\.0)
        var reasons = fixable.map { v in PlanReason.vulnerability(id: v.0.id, aliases: v.0.aliases, summary: v.0.summary, link: v.0.link) }
        if pinned.isYanked { reasons.append(.yanked(reason: pinned.yankedReason)) }
        let notes = unfixable.map { "\($0.id) has no fixed release; \(name) stays affected by it." }
        guard let floor = fixable.compactMap(\.1).max() else {
            if pinned.isYanked { await yankFix(name, pinned: pinned, extraNotes: notes); return }
            let ids = unfixable.map(\.id).joined(separator: ", ")
            blocked.append(BlockedUpdate(package: name, from: pinned.key, to: nil, kind: .security,
                reason: "\(name) \(pinned.key) is affected by \(ids), and no fixed release is published: replace the package, or record an `[[ignore]]` with a reason once you have assessed the risk."))
            return
        }
        let ids = Set(fixable.flatMap { [$0.0.id] + $0.0.aliases })
        var candidates: [ReleaseCatalog.Release] = []
        let fixing = await session.eligible(name, cooldown: false).filter { $0.version >= floor && $0.version > pinned.version }
        func stillAffected(_ release: ReleaseCatalog.Release) async -> Bool {
            let listed = (await session.metadata(name, release.key)?.vulnerabilities ?? []) + (options.vulnerabilityLookup?(name, release.key) ?? [])
            return listed.contains(where: { !$0.withdrawn && !ids.isDisjoint(with: [$0.id] + $0.aliases) })
        }
        for release in fixing {
            if await stillAffected(release) { continue }
            candidates.append(release)
            if candidates.count == 5 { break }
        }
        // The newest fixing release as a last resort: when the releases just above the fix cannot
        // be made consistent (or nothing is known of their dependencies, as offline), it often can.
        if let newest = fixing.last, !candidates.contains(where: { $0.key == newest.key }), !(await stillAffected(newest)) {
            candidates.append(newest)
        }
        guard let smallest = candidates.first else {
            blocked.append(BlockedUpdate(package: name, from: pinned.key, to: floor.description, kind: .security,
                reason: "\(name) \(pinned.key) is fixed in \(floor), but no installable release at or above it admits the target Pythons"
                    + (policy.allowPrereleases ? "" : " among final releases") + ": check the project's releases."))
            return
        }
        await mandatoryMove(name, pinned: pinned, candidates: candidates, smallest: smallest, kind: .security, reasons: reasons,
                            notes: notes, why: "it fixes a vulnerability")
    }

    mutating func yankFix(_ name: String, pinned: ReleaseCatalog.Release, extraNotes: [String] = []) async {
        let eligible = await session.eligible(name, cooldown: false).filter { $0.version != pinned.version }
        let sameMinor: (Version) -> Bool = {
            $0.epoch == pinned.version.epoch && $0.releasePart(0) == pinned.version.releasePart(0)
                && $0.releasePart(1) == pinned.version.releasePart(1)
        }
        let greater = eligible.filter { $0.version > pinned.version }
        let ordered = greater.filter { sameMinor($0.version) } + greater.filter { !sameMinor($0.version) }
            + eligible.filter { $0.version < pinned.version }.reversed()
        guard let first = ordered.first else {
            blocked.append(BlockedUpdate(package: name, from: pinned.key, to: nil, kind: .yanked,
                reason: "\(name) \(pinned.key) is yanked and the index has no other installable release for the targets: choose another package."))
            return
        }
        await mandatoryMove(name, pinned: pinned, candidates: Array(ordered.prefix(5)), smallest: first, kind: .yanked,
                            reasons: [.yanked(reason: pinned.yankedReason)], notes: extraNotes, why: "the pinned release is yanked")
    }

    /// Tries the candidates in order, first with members inside the policy, then with any member move.
    mutating func mandatoryMove(_ name: String, pinned: ReleaseCatalog.Release, candidates: [ReleaseCatalog.Release],
                                smallest: ReleaseCatalog.Release, kind: StepKind, reasons: [PlanReason], notes: [String], why: String) async {
        let strict = CoupledMoveSearch.Limits(ceiling: { [policy] in policy.maxLevel(for: $0) }, cooldown: true)
        let relaxed = CoupledMoveSearch.Limits(ceiling: { _ in .major }, cooldown: false)
        var firstBlock: (Violation?, String)?
        for candidate in candidates {
            for (limits, isRelaxed) in [(strict, false), (relaxed, true)] {
                let members: [CoupledMoveSearch.Member]
                switch await search(name, to: candidate.key, limits: limits) {
                case .found(let found):
                    members = found
                case .blocked(let violation, let detail):
                    if firstBlock == nil { firstBlock = (violation, detail) }
                    continue
                }
                var stepNotes = notes
                let change = UpdateKind(from: pinned.version, to: candidate.version)
                if candidate.version < pinned.version {
                    stepNotes.append("This is a downgrade: no newer installable release exists.")
                }
                if !policy.maxLevel(for: name).allows(change) {
                    stepNotes.append("\(name) makes a \(change.rawValue) update, above its max-level \(policy.maxLevel(for: name).rawValue): proposed because \(why).")
                }
                if !session.oldEnough(candidate, package: name) {
                    stepNotes.append("\(name) \(candidate.key) is younger than min-age (\(policy.minAge(for: name)) days): proposed because \(why).")
                }
                if isRelaxed {
                    stepNotes.append("Packages moving along exceed the policy (max-level or min-age): no move within it was consistent.")
                }
                await commit(kind, members: members, primaryReasons: reasons, notes: stepNotes)
                return
            }
        }
        let (violation, detail) = firstBlock ?? (nil, "no consistent move was found")
        blocked.append(blockedUpdate(name, from: pinned.key, to: smallest.key, kind: kind, violation: violation, detail: detail))
    }

    // MARK: Helpers

    func search(_ name: String, to version: String, limits: CoupledMoveSearch.Limits) async -> CoupledMoveSearch.Outcome {
        await CoupledMoveSearch(session: session, state: state, tolerated: tolerated, frozen: frozen, limits: limits)
            .search(package: name, version: version)
    }

    func blockedUpdate(_ name: String, from: String, to: String, kind: StepKind, violation: Violation?, detail: String) -> BlockedUpdate {
        guard let violation else {
            return BlockedUpdate(package: name, from: from, to: to, kind: kind, reason: "\(name) \(from) → \(to) is blocked: \(detail).")
        }
        let requirement = violation.requirementText
        var reason: String
        switch violation.kind {
        case .missing:
            reason = "\(name) \(to) needs `\(requirement)`, which no allowed release satisfies"
        case .conflict where violation.dependency == name:
            reason = "\(violation.requirerText) requires `\(requirement)`, which excludes \(name) \(to)"
        case .conflict:
            reason = "\(violation.requirerText) requires `\(requirement)`, but \(violation.dependency)==\(state.versions[violation.dependency] ?? "?") is pinned"
        }
        if frozen.contains(violation.dependency) || violation.requirer.map(frozen.contains) == true { reason += " (a frozen package is involved)" }
        reason += "; \(detail). Update the blocking package first, or raise its limits in `[plan]`."
        return BlockedUpdate(package: name, from: from, to: to, kind: kind, blocker: violation.requirerText,
                             requirement: requirement, reason: "\(name) \(from) → \(to) is blocked: " + reason)
    }
}
