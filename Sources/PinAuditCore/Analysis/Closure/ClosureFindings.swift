import PythonPackaging

/// What the closure walk found: the packages, and the findings about them.
public struct ClosureResult: Sendable {
    public var packages: [PackageReport]
    public var findings: [Finding]
    /// The index could not answer for some package.
    public var incomplete: Bool
    /// For packages nobody pinned: the release a resolver would pick (to suggest a pin).
    public var suggestions: [String: String]
    /// The release key walked for each pinned package (the pin as the index keys it).
    public var walkedVersions: [String: String]
}

enum ClosureFindings {
    static func result(nodes: [String: ClosureAnalysis.Node], order: [String], options: ClosureAnalysis.Options,
                       index: IndexMemo) -> ClosureResult {
        var findings: [Finding] = []
        var packages: [PackageReport] = []
        var suggestions: [String: String] = [:]
        var walked: [String: String] = [:]
        var incomplete = false

        func chain(_ name: String) -> [String] {
            var names: [String] = []
            var current: String? = name
            var seen: Set<String> = []
            while let c = current, !seen.contains(c) {
                seen.insert(c)
                let n = nodes[c]
                names.append(n.map { node in node.pin.map { "\(node.displayName)==\($0.version)" } ?? node.displayName } ?? c)
                current = n?.parent
            }
            return names.reversed()
        }
        func rootLocation(_ name: String) -> SourceLocation? {
            var current: String? = name
            var seen: Set<String> = []
            while let c = current, !seen.contains(c), let n = nodes[c] {
                seen.insert(c)
                if n.direct { return n.pin?.location ?? n.demands.first(where: { $0.from == nil })?.location }
                current = n.parent
            }
            return nil
        }

        for name in order.sorted() {
            guard let n = nodes[name] else { continue }
            let requiredBy = Set(n.demands.compactMap(\.from)).sorted()
            var report = PackageReport(name: name, version: n.pin?.version, direct: n.direct, requiredBy: requiredBy, location: n.pin?.location)
            if n.pin == nil, let v = n.walkedVersion { suggestions[name] = v }
            if n.pin != nil, let v = n.walkedVersion { walked[name] = v }
            packages.append(report)
            let location = n.pin?.location ?? rootLocation(name)

            if let failure = n.failure {
                switch failure {
                case .notFound where n.unknownVersion:
                    let v = n.pin?.version ?? "?"
                    var message = "\(n.displayName)==\(v) does not exist on the index"
                    if v.contains("+") { message += " (`+\(v.split(separator: "+", maxSplits: 1)[1])` is a local build label; such builds usually come from another index, e.g. one named with --extra-index-url)" }
                    findings.append(Finding(rule: .unknownVersion, package: name, location: location, message: message + ": pin a version the index has."))
                case .notFound:
                    findings.append(Finding(rule: .unknownPackage, package: name, location: location,
                        message: "\(n.displayName) is not a project on the index: check the name for a typo, or configure the index that hosts it."))
                case .metadataUnavailable(let reason):
                    findings.append(Finding(rule: .metadataUnavailable, package: name, location: location,
                        message: "the dependencies of \(n.displayName)\(n.pin.map { "==" + $0.version } ?? "") are unknown (\(reason)), so packages it needs may be missing from this check."))
                case .unavailable(let reason):
                    incomplete = true
                    findings.append(Finding(rule: .indexError, package: name, location: location,
                        message: "skipped \(n.displayName): \(reason). The result is incomplete; run again later."))
                case .notCached:
                    incomplete = true
                    findings.append(Finding(rule: .indexError, package: name, location: location,
                        message: "skipped \(n.displayName): it is not in the cache and --offline forbids asking the index. Run once without --offline."))
                }
            }

            if n.pin == nil && !n.direct {
                let demand = n.demands.first { $0.from != nil }
                let by = demand.map { d in "\(nodes[d.from!]?.displayName ?? d.from!)\(d.fromVersion.map { "==" + $0 } ?? "")" } ?? "a pinned package"
                let spec = demand?.specifier.description ?? ""
                var message = "\(n.displayName) is not pinned, but \(by) requires it (`\(n.displayName)\(spec)`)"
                if let v = n.walkedVersion { message += ": pin it, e.g. `\(n.displayName)==\(v)` (the newest release it allows)" }
                else { message += ": pin it" }
                message += ". Chain: \(chain(name).joined(separator: " → "))."
                findings.append(Finding(rule: .unpinnedTransitive, package: name, location: rootLocation(name), message: message))
            }

            if let pin = n.pin, let pinned = Version.parse(pin.version) {
                for demand in n.demands where !demand.specifier.isEmpty && !demand.specifier.contains(pinned, prereleases: true) {
                    let who: String
                    if let from = demand.from {
                        who = "\(nodes[from]?.displayName ?? from)\(demand.fromVersion.map { "==" + $0 } ?? "") requires `\(n.displayName)\(demand.specifier)`"
                    } else {
                        who = "\(demand.location.map(\.description) ?? "a requirement") asks for `\(n.displayName)\(demand.specifier)`"
                    }
                    findings.append(Finding(rule: .conflict, package: name, location: pin.location,
                        message: "\(n.displayName)==\(pin.version) conflicts: \(who). pip will refuse to install this set; move one of the pins."))
                }
            }
        }
        return ClosureResult(packages: packages, findings: findings, incomplete: incomplete, suggestions: suggestions, walkedVersions: walked)
    }
}
