import PythonPackaging

/// Walks the transitive closure of the pinned requirements through the index: for each package,
/// the `Requires-Dist` of its pinned version (or, when nobody pinned it, of the newest release every
/// specifier on it allows, as a resolver would), markers evaluated for the targets, extras propagated.
public struct ClosureAnalysis: Sendable {
    public struct Options: Sendable {
        public var targets: [MarkerEnvironment]
        /// Target Python versions (X.Y) for `requires_python`.
        public var pythons: [String]
        public var allowPrereleases: Bool
        /// Dependencies a lockfile records: for a package pinned by that lock, used instead of asking the index.
        public var knownDependencies: [String: [LockDependency]]
        public init(targets: [MarkerEnvironment], pythons: [String], allowPrereleases: Bool = false,
                    knownDependencies: [String: [LockDependency]] = [:]) {
            self.targets = targets; self.pythons = pythons; self.allowPrereleases = allowPrereleases
            self.knownDependencies = knownDependencies
        }
    }

    /// Something asked a package for a version range.
    struct Demand: Hashable {
        /// Canonical name of the requiring package; nil for a line of a source file.
        var from: String?
        var fromVersion: String?
        var specifier: SpecifierSet
        var location: SourceLocation?
    }

    /// One package of the closure while it is walked.
    struct Node {
        var name: String
        var displayName: String
        var direct = false
        var pin: (version: String, location: SourceLocation)?
        var extras: Set<String> = []
        var demands: [Demand] = []
        /// The first package found to require this one (for chains).
        var parent: String?
        /// The release key walked (the pin as the index keys it, or the chosen release).
        var walkedVersion: String?
        var walkedExtras: Set<String>?
        var failure: IndexFailure?
        var unknownVersion = false
        var notWalkable: String?
    }

    public let index: IndexMemo
    public let options: Options

    public init(index: IndexMemo, options: Options) {
        self.index = index
        self.options = options
    }

    /// Runs the walk to a fixpoint: unpinned packages are re-chosen when specifiers met later narrow them.
    public func run(entries: [RequirementEntry]) async -> ClosureResult {
        var overrides: [String: String] = [:]
        var nodes: [String: Node] = [:]
        var order: [String] = []
        for _ in 0..<5 {
            (nodes, order) = await walk(entries: entries, overrides: overrides)
            var changed = false
            for name in order {
                guard let node = nodes[name], node.pin == nil, node.failure == nil, node.notWalkable == nil,
                      case .success(let project) = await index.project(name) else { continue }
                let best = ReleaseSelection.newest(in: project, satisfying: node.demands.map(\.specifier),
                                                   pythons: options.pythons, allowPrereleases: options.allowPrereleases)
                if let best, best.version != node.walkedVersion, overrides[name] != best.version {
                    overrides[name] = best.version
                    changed = true
                }
            }
            if !changed { break }
        }
        return ClosureFindings.result(nodes: nodes, order: order, options: options, index: index)
    }

    private func walk(entries: [RequirementEntry], overrides: [String: String]) async -> ([String: Node], [String]) {
        var nodes: [String: Node] = [:]
        var order: [String] = []
        let constraints = PinningAnalysis.constraintPins(entries, targets: options.targets)

        func node(_ name: String, display: String) -> Node {
            if let existing = nodes[name] { return existing }
            order.append(name)
            var fresh = Node(name: name, displayName: display)
            if let (version, location) = constraints[name] { fresh.pin = (version, location) }
            return fresh
        }

        for entry in entries where !entry.isConstraint && PinningAnalysis.isApplicable(entry, targets: options.targets) {
            guard let requirement = entry.requirement, !entry.editable else { continue }
            let name = requirement.canonicalName
            var n = node(name, display: requirement.name)
            n.direct = true
            n.extras.formUnion(requirement.extras.map(PackageName.canonicalize))
            if let version = PinningAnalysis.exactVersion(entry) {
                if n.pin == nil || n.pin!.location.file == entry.location.file && !entry.isConstraint { n.pin = (version, entry.location) }
            }
            if entry.url != nil && n.pin == nil { n.notWalkable = "it is installed from a URL or path, whose metadata pinaudit does not download" }
            n.demands.append(Demand(from: nil, fromVersion: nil, specifier: entry.specifier, location: entry.location))
            nodes[name] = n
        }

        var frontier = order
        while !frontier.isEmpty {
            let work: [(String, String?, Bool)] = frontier.compactMap { name in
                guard let n = nodes[name], n.notWalkable == nil else { return nil }
                return (name, n.pin?.version ?? overrides[name], n.pin != nil)
            }
            let fetched = await fetchAll(work, demands: nodes)
            frontier = []
            for (name, outcome) in fetched {
                guard var n = nodes[name] else { continue }
                switch outcome {
                case .failure(let failure, let unknownVersion):
                    n.failure = failure
                    n.unknownVersion = unknownVersion
                    n.walkedExtras = n.extras
                    nodes[name] = n
                case .success(let version, let metadata):
                    n.walkedVersion = version
                    n.walkedExtras = n.extras
                    nodes[name] = n
                    for text in metadata.requiresDist {
                        guard let dep = try? Requirement(text), applies(dep, extras: n.extras) else { continue }
                        let depName = dep.canonicalName
                        let depExtras = Set(dep.extras.map(PackageName.canonicalize))
                        if depName == name {
                            if !depExtras.isSubset(of: n.extras) {
                                nodes[name]!.extras.formUnion(depExtras)
                                frontier.append(name)
                            }
                            continue
                        }
                        var d = node(depName, display: dep.name)
                        let isNew = nodes[depName] == nil
                        if d.parent == nil && !d.direct { d.parent = name }
                        d.demands.append(Demand(from: name, fromVersion: version, specifier: dep.specifier, location: nil))
                        let newExtras = !depExtras.isSubset(of: d.extras)
                        d.extras.formUnion(depExtras)
                        nodes[depName] = d
                        if isNew || (newExtras && d.walkedExtras != nil) { frontier.append(depName) }
                    }
                }
            }
            frontier = Array(Set(frontier)).sorted()
        }
        return (nodes, order)
    }

    /// Whether a dependency's marker holds for some target, with the requiring package's extras.
    private func applies(_ dep: Requirement, extras: Set<String>) -> Bool {
        guard let marker = dep.marker else { return true }
        if options.targets.isEmpty { return marker.evaluate(.target(pythonVersion: "3.12", platform: .linux), extras: extras) }
        return options.targets.contains { marker.evaluate($0, extras: extras) }
    }

    enum Outcome { case success(version: String, metadata: VersionMetadata), failure(IndexFailure, unknownVersion: Bool) }

    private func fetchAll(_ work: [(String, String?, Bool)], demands nodes: [String: Node]) async -> [(String, Outcome)] {
        let specs: [String: [SpecifierSet]] = Dictionary(uniqueKeysWithValues: work.map { ($0.0, nodes[$0.0]?.demands.map(\.specifier) ?? []) })
        return await withTaskGroup(of: (String, Outcome).self) { group in
            for (name, version, pinned) in work {
                group.addTask { (name, await self.fetch(name, version: version, pinned: pinned, specifiers: specs[name] ?? [])) }
            }
            var out: [(String, Outcome)] = []
            for await item in group { out.append(item) }
            return out.sorted { $0.0 < $1.0 }
        }
    }

    /// The metadata of the pinned (or chosen) version; the project document only when needed.
    private func fetch(_ name: String, version: String?, pinned: Bool, specifiers: [SpecifierSet]) async -> Outcome {
        if pinned, let version, let known = options.knownDependencies[name] {
            // The lock's graph: optional (extra-only) edges are left out, as the lock tool installs them only on request.
            let requires = known.filter { !$0.isOptional }.map { dep -> String in
                var text = dep.name
                if !dep.extras.isEmpty { text += "[" + dep.extras.joined(separator: ",") + "]" }
                if let marker = dep.markerText, !marker.isEmpty { text += " ; " + marker }
                return text
            }
            return .success(version: version, metadata: VersionMetadata(name: name, version: version, requiresDist: requires))
        }
        if let version {
            switch await index.metadata(name, version: version) {
            case .success(let m): return .success(version: version, metadata: m)
            case .failure(.notFound): break
            case .failure(let other): return .failure(other, unknownVersion: false)
            }
        }
        switch await index.project(name) {
        case .failure(let failure): return .failure(failure, unknownVersion: false)
        case .success(let project):
            let release: ReleaseFacts?
            if let version, pinned {
                release = ReleaseSelection.release(matching: version, in: project)
                if release == nil { return .failure(.notFound, unknownVersion: true) }
            } else {
                release = ReleaseSelection.newest(in: project, satisfying: specifiers, pythons: options.pythons,
                                                  allowPrereleases: options.allowPrereleases)
                if release == nil { return .failure(.metadataUnavailable(reason: "no release matches \(specifiers.map(\.description).filter { !$0.isEmpty }.joined(separator: ", "))"), unknownVersion: false) }
            }
            let key = release!.version
            switch await index.metadata(name, version: key) {
            case .success(let m): return .success(version: key, metadata: m)
            case .failure(.notFound): return .failure(.metadataUnavailable(reason: "the index has no metadata for \(key)"), unknownVersion: false)
            case .failure(let other): return .failure(other, unknownVersion: false)
            }
        }
    }
}
