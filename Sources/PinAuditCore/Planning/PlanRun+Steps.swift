import PythonPackaging

extension PlanRun {
    /// Records a step and applies it to the state: later steps start from it.
    mutating func commit(_ kind: StepKind, members: [CoupledMoveSearch.Member], primaryReasons: [PlanReason], notes: [String]) async {
        guard let primary = members.first else { return }
        let number = steps.count + 1
        let before = state
        let after = state.applying(Dictionary(uniqueKeysWithValues: members.map { ($0.name, $0.version) }))
        let ordered = [primary] + members.dropFirst().sorted { $0.name < $1.name }

        var moves: [PackageMove] = []
        for member in ordered {
            let from = before.versions[member.name]
            let fromRelease: ReleaseCatalog.Release? = if let from { await session.release(member.name, from) } else { nil }
            let toRelease = await session.release(member.name, member.version)
            let kind: UpdateKind? = fromRelease.flatMap { old in toRelease.map { UpdateKind(from: old.version, to: $0.version) } }
            let reasons = member.name == primary.name ? primaryReasons : (member.reason.map { [$0] } ?? [])
            let hashes = (toRelease?.facts.files ?? []).compactMap(\.sha256).map { "sha256:" + $0.lowercased() }
            moves.append(PackageMove(name: member.name, displayName: await session.displayName(member.name, version: member.version), from: from,
                                     to: member.version, kind: kind, reasons: reasons,
                                     fromReleased: fromRelease?.released, toReleased: toRelease?.released,
                                     link: await session.link(member.name, version: member.version), hashes: Array(Set(hashes)).sorted(),
                                     locations: locations[member.name] ?? []))
        }
        let dependsOn = await prerequisites(of: ordered.map(\.name), after: after)
        steps.append(PlanStep(number: number, kind: kind, package: primary.name, moves: moves, notes: notes, dependsOn: dependsOn))
        for member in ordered {
            history[member.name, default: []].append((number, before.versions[member.name], member.version))
        }
        state = after
        tolerated = Set(await session.violations(state).map(\.key))
    }

    /// Earlier steps whose moves the new versions rely on: a requirement of (or on) a package of this
    /// step that the version before that earlier step would not meet.
    func prerequisites(of names: [String], after: PinState) async -> [Int] {
        let moved = Set(names)
        let extras = await session.extras(after)
        var needed: Set<Int> = []
        for name in names {
            guard let version = after.versions[name], let newVersion = Version.parse(version) else { continue }
            // What the new version requires, met only thanks to an earlier step.
            for dep in await session.applicableRequires(name, version, extras: extras[name] ?? []) where !moved.contains(dep.canonicalName) {
                for earlier in history[dep.canonicalName] ?? [] {
                    guard let from = earlier.from, let old = Version.parse(from) else { needed.insert(earlier.step); continue }
                    if !dep.specifier.contains(old, prereleases: true) { needed.insert(earlier.step) }
                }
            }
            // Packages that accept the new version only at the release an earlier step gave them.
            for (other, moves) in history where !moved.contains(other) && after.versions[other] != nil {
                for earlier in moves {
                    guard let from = earlier.from else { continue }
                    let oldRequires = await session.applicableRequires(other, from, extras: extras[other] ?? [])
                    if oldRequires.contains(where: { $0.canonicalName == name && !$0.specifier.contains(newVersion, prereleases: true) }) {
                        needed.insert(earlier.step)
                    }
                }
            }
        }
        return needed.sorted()
    }

    /// Newer releases the plan does not reach, and why.
    mutating func collectHeld() async {
        let blockedNames = Set(blocked.map(\.package))
        let candidates = (plannable + localPins.sorted()).sorted()
        for name in candidates where !blockedNames.contains(name) {
            guard let key = state.versions[name], let current = Version.parse(key),
                  let latest = await session.eligible(name, cooldown: false).last, latest.version > current else { continue }
            let change = UpdateKind(from: current, to: latest.version)
            if frozen.contains(name) {
                var reason = "\(name) is frozen in the configuration (`[plan] freeze`)"
                let vulnerabilities = await vulnerabilities(name, key)
                if !vulnerabilities.isEmpty {
                    reason += "; it is affected by \(vulnerabilities.map(\.id).joined(separator: ", ")): unfreeze it to get the fix"
                }
                held.append(HeldUpdate(package: name, current: key, latest: latest.key, cause: .frozen, reason: reason + "."))
            } else if localPins.contains(name) {
                held.append(HeldUpdate(package: name, current: key, latest: latest.key, cause: .localVersion,
                    reason: "\(name)==\(key) is a local build; pinaudit does not choose between builds: update it by hand."))
            } else if !policy.maxLevel(for: name).allows(change) {
                held.append(HeldUpdate(package: name, current: key, latest: latest.key, cause: .maxLevel,
                    reason: "\(name) \(latest.key) is a \(change.rawValue) update; max-level for \(name) is \(policy.maxLevel(for: name).rawValue)."))
            } else if !session.oldEnough(latest, package: name) {
                let minAge = policy.minAge(for: name)
                var reason = "\(name) \(latest.key) is younger than min-age (\(minAge) days)"
                if let day = latest.released {
                    reason += ": released \(day), proposed from \(CalendarDay(dayNumber: day.dayNumber + minAge))"
                } else {
                    reason += ": the index gives no upload date"
                }
                held.append(HeldUpdate(package: name, current: key, latest: latest.key, cause: .cooldown, reason: reason + "."))
            }
        }
    }
}
