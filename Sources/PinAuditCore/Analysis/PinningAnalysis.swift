import PythonPackaging

/// The rule `check` enforces: every applicable requirement is pinned to one exact version.
public enum PinningAnalysis {
    /// How an entry is pinned.
    public enum PinState: Equatable, Sendable {
        /// `==V` (or a lockfile version).
        case exact(String)
        /// `===V`.
        case arbitrary(String)
        /// A URL that cannot change: a VCS commit hash, a `#sha256=` fragment, or `--hash` options.
        case immutableURL
        /// Pinned by a `-c` constraints file.
        case constrained(String, by: SourceLocation)
        case unpinned(reason: String)
    }

    /// Whether the entry's marker is true for at least one target (no marker: always).
    public static func isApplicable(_ entry: RequirementEntry, targets: [MarkerEnvironment]) -> Bool {
        guard let marker = entry.marker, !targets.isEmpty else { return true }
        return targets.contains { marker.evaluate($0) }
    }

    /// `isApplicable` for many entries, evaluating each distinct marker once.
    static func applicability(_ entries: [RequirementEntry], targets: [MarkerEnvironment]) -> [Bool] {
        var memo: [Marker: Bool] = [:]
        return entries.map { entry in
            guard let marker = entry.marker, !targets.isEmpty else { return true }
            if let known = memo[marker] { return known }
            let value = targets.contains { marker.evaluate($0) }
            memo[marker] = value
            return value
        }
    }

    /// Pins from constraints files that apply to the targets, by canonical name.
    public static func constraintPins(_ entries: [RequirementEntry], targets: [MarkerEnvironment]) -> [String: (String, SourceLocation)] {
        var pins: [String: (String, SourceLocation)] = [:]
        for entry in entries where entry.isConstraint && isApplicable(entry, targets: targets) {
            if let name = entry.canonicalName, let version = exactVersion(entry), pins[name] == nil {
                pins[name] = (version, entry.location)
            }
        }
        return pins
    }

    /// The exact version an entry names: `==V` (no wildcard) as the only `==` clause, or a lock's version.
    public static func exactVersion(_ entry: RequirementEntry) -> String? {
        if let locked = entry.lockedVersion { return locked }
        let equals = entry.specifier.clauses.filter { $0.op == .equal }
        guard equals.count == 1, let only = equals.first, !only.hasWildcard else { return nil }
        return only.version
    }

    public static func state(of entry: RequirementEntry, constraints: [String: (String, SourceLocation)]) -> PinState {
        if entry.editable { return .unpinned(reason: "it is an editable install, which installs whatever the source holds") }
        if let url = entry.url {
            if isImmutable(url: url) || !entry.hashes.isEmpty { return .immutableURL }
            if RequirementLine.isURL(url) {
                let scheme = RequirementLine.scheme(url) ?? ""
                if scheme.contains("+") || RequirementLine.vcsSchemes.contains(scheme) {
                    return .unpinned(reason: "its VCS reference is not a full commit hash, so it can move: pin `@<commit sha>`")
                }
                return .unpinned(reason: "its URL carries no `#sha256=` digest, so the file behind it can change")
            }
            return .unpinned(reason: "it is a local path, which installs whatever the folder or file holds")
        }
        if let version = exactVersion(entry) { return .exact(version) }
        if let arbitrary = entry.specifier.clauses.first(where: { $0.op == .arbitrary }) { return .arbitrary(arbitrary.version) }
        if let name = entry.canonicalName, let (version, location) = constraints[name] { return .constrained(version, by: location) }
        let spec = entry.specifier.description
        if spec.isEmpty { return .unpinned(reason: "it has no version specifier, so any release installs") }
        if entry.specifier.clauses.contains(where: { $0.op == .equal && $0.hasWildcard }) {
            return .unpinned(reason: "`\(spec)` is a wildcard that allows every matching release")
        }
        return .unpinned(reason: "`\(spec)` allows more than one release")
    }

    /// A VCS URL whose reference is a full commit hash, or a URL with a `#sha256=` (or stronger) fragment.
    public static func isImmutable(url: String) -> Bool {
        if let hash = url.firstIndex(of: "#") {
            let fragment = url[url.index(after: hash)...]
            for part in fragment.split(separator: "&") where part.hasPrefix("sha256=") || part.hasPrefix("sha384=") || part.hasPrefix("sha512=") {
                return true
            }
        }
        var base = Substring(url)
        if let hash = base.firstIndex(of: "#") { base = base[..<hash] }
        guard let schemeEnd = base.firstRange(of: "://") else { return false }
        let afterScheme = base[schemeEnd.upperBound...]
        guard let pathStart = afterScheme.firstIndex(of: "/") else { return false }
        let path = afterScheme[pathStart...]
        guard let at = path.lastIndex(of: "@") else { return false }
        let ref = path[path.index(after: at)...]
        return (ref.count == 40 || ref.count == 64) && ref.allSatisfy(\.isHexDigit)
    }

    /// `unpinned` and `pinned-arbitrary` findings for requirement entries (constraints are not required
    /// to pin). `suggestions` maps a canonical name to a version to propose (e.g. the newest allowed).
    public static func findings(for entries: [RequirementEntry], targets: [MarkerEnvironment],
                                allowUnpinned: UnpinnedAllowance = .none, suggestions: [String: String] = [:]) -> [Finding] {
        let constraints = constraintPins(entries, targets: targets)
        var findings: [Finding] = []
        let applicable = applicability(entries, targets: targets)
        for (entry, isApplicable) in zip(entries, applicable) where !entry.isConstraint && isApplicable {
            let name = entry.canonicalName
            let label = name ?? entry.url ?? "requirement"
            switch state(of: entry, constraints: constraints) {
            case .exact, .immutableURL, .constrained:
                continue
            case .arbitrary(let v):
                findings.append(Finding(rule: .pinnedArbitrary, package: name, location: entry.location,
                    message: "\(label) is pinned with `===\(v)`, which compares text and skips PEP 440 rules: use `==\(v)` unless the version is not PEP 440."))
            case .unpinned(let reason):
                if allowUnpinned.allows(entry) { continue }
                // A lock's editable or path entries are the project and its workspace members themselves.
                if entry.origin == .lockfile && (entry.editable || entry.isLocalReference) { continue }
                // A lock entry without a version is `lock-unpinned`, reported by the lock parser.
                if entry.origin == .lockfile && entry.url == nil { continue }
                var message = "\(label) is not pinned: \(reason). "
                if let name, let suggestion = suggestions[name] {
                    message += "Pin it with `\(entry.name ?? name)==\(suggestion)` (the newest release it allows)."
                } else if entry.url == nil {
                    message += "Pin it to one exact version with `==`."
                } else if entry.editable || entry.isLocalReference {
                    message += "Allow it in the configuration (`allow-unpinned`) if that is intended."
                } else {
                    message += "Pin an immutable reference instead."
                }
                findings.append(Finding(rule: .unpinned, package: name, location: entry.location, message: message))
            }
        }
        return findings
    }
}
