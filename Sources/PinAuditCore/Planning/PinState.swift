import PythonPackaging

/// The pins at one point of the plan: which version of each package, with the extras and the
/// non-pin specifiers the sources ask for.
struct PinState {
    /// Canonical name → the version as the index keys it.
    var versions: [String: String]
    /// Extras the sources request, by canonical name.
    var rootExtras: [String: Set<String>]
    /// Specifiers of source lines that name a package without pinning it (`-c` constraints, `foo<2`).
    var rootDemands: [RootDemand]

    struct RootDemand: Hashable {
        var name: String
        var specifier: SpecifierSet
        var location: SourceLocation
    }

    func applying(_ moves: [String: String]) -> PinState {
        var copy = self
        for (name, version) in moves { copy.versions[name] = version }
        return copy
    }
}

/// A requirement the pins do not meet.
struct Violation: Hashable {
    enum Kind: String { case conflict, missing }
    var kind: Kind
    /// The requiring package, or nil for a line of a source file.
    var requirer: String?
    var requirerVersion: String?
    var location: SourceLocation?
    var dependency: String
    var requirement: Requirement

    /// Identity for "was this already broken before the step": the requiring package and the
    /// requirement text, not the versions (a step must not add a problem, it may keep an old one).
    var key: String {
        "\(kind.rawValue)|\(requirer ?? location?.description ?? "")|\(dependency)|\(requirement.specifier.normalizedDescription)"
    }

    /// `botocore<1.35.0,>=1.34.0` (name, extras and specifier; no marker).
    var requirementText: String {
        var text = requirement.name
        if !requirement.extras.isEmpty { text += "[" + requirement.extras.sorted().joined(separator: ",") + "]" }
        return text + requirement.specifier.description
    }

    /// `boto3==1.34.0` or a source location.
    var requirerText: String {
        if let requirer { return requirer + (requirerVersion.map { "==" + $0 } ?? "") }
        return location?.description ?? "a source line"
    }

    static func order(_ a: Violation, _ b: Violation) -> Bool { a.sortKey < b.sortKey }
    private var sortKey: String { "\(dependency)|\(requirer ?? "")|\(kind.rawValue)|\(requirement.specifier.normalizedDescription)" }
}

extension PlanSession {
    /// Extras in effect for every pinned package: the sources' extras, plus those that pinned
    /// packages request of each other (to a fixpoint).
    func extras(_ state: PinState) async -> [String: Set<String>] {
        var extras = state.rootExtras
        var changed = true
        var rounds = 0
        while changed && rounds < 10 {
            changed = false
            rounds += 1
            for name in state.versions.keys.sorted() {
                let version = state.versions[name]!
                for dep in await applicableRequires(name, version, extras: extras[name] ?? []) where !dep.extras.isEmpty {
                    let depName = dep.canonicalName
                    guard state.versions[depName] != nil else { continue }
                    let wanted = Set(dep.extras.map(PackageName.canonicalize))
                    if !wanted.isSubset(of: extras[depName] ?? []) {
                        extras[depName, default: []].formUnion(wanted)
                        changed = true
                    }
                }
            }
        }
        return extras
    }

    /// Every requirement the pins of `state` do not meet, sorted.
    func violations(_ state: PinState) async -> [Violation] {
        let extras = await extras(state)
        var found: [Violation] = []
        for name in state.versions.keys.sorted() {
            let version = state.versions[name]!
            for dep in await applicableRequires(name, version, extras: extras[name] ?? []) {
                let depName = dep.canonicalName
                if let pinned = state.versions[depName] {
                    guard let v = Version.parse(pinned), !dep.specifier.isEmpty, !dep.specifier.contains(v, prereleases: true) else { continue }
                    found.append(Violation(kind: .conflict, requirer: name, requirerVersion: version, dependency: depName, requirement: dep))
                } else {
                    found.append(Violation(kind: .missing, requirer: name, requirerVersion: version, dependency: depName, requirement: dep))
                }
            }
        }
        for demand in state.rootDemands {
            guard let pinned = state.versions[demand.name], let v = Version.parse(pinned),
                  !demand.specifier.contains(v, prereleases: true) else { continue }
            let requirement = Requirement(name: demand.name, specifier: demand.specifier)
            found.append(Violation(kind: .conflict, requirer: nil, location: demand.location, dependency: demand.name, requirement: requirement))
        }
        return found.sorted(by: Violation.order)
    }

    /// The requirements the pinned packages of `state` (other than `except`) put on `name`.
    func demands(on name: String, in state: PinState, except: Set<String> = []) async -> [SpecifierSet] {
        let extras = await extras(state)
        var specs: [SpecifierSet] = []
        for other in state.versions.keys.sorted() where other != name && !except.contains(other) {
            for dep in await applicableRequires(other, state.versions[other]!, extras: extras[other] ?? []) where dep.canonicalName == name {
                specs.append(dep.specifier)
            }
        }
        specs += state.rootDemands.filter { $0.name == name }.map(\.specifier)
        return specs
    }
}
