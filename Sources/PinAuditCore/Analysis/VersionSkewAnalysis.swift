/// The same package pinned at different versions in different files (`version-skew`), unless the
/// pins are meant for different targets (their markers differ).
public enum VersionSkewAnalysis {
    public static func findings(for entries: [RequirementEntry]) -> [Finding] {
        var pins: [String: [(version: String, entry: RequirementEntry)]] = [:]
        var order: [String] = []
        for entry in entries where !entry.isConstraint {
            guard let name = entry.canonicalName, let version = PinningAnalysis.exactVersion(entry) else { continue }
            if pins[name] == nil { order.append(name) }
            pins[name, default: []].append((version, entry))
        }
        var findings: [Finding] = []
        for name in order {
            guard let list = pins[name], list.count > 1 else { continue }
            let files = Set(list.map(\.entry.location.file))
            let versions = Set(list.map(\.version))
            let markers = Set(list.map { $0.entry.marker?.description ?? "" })
            guard files.count > 1, versions.count > 1, markers.count == 1 else { continue }
            let places = list.map { "\($0.entry.location) (\($0.version))" }.joined(separator: ", ")
            findings.append(Finding(rule: .versionSkew, package: name, location: list[0].entry.location,
                message: "\(name) is pinned at different versions in different files: \(places). Builds from these files install different code; align the pins, or give each file's pins markers for its target."))
        }
        return findings
    }
}
