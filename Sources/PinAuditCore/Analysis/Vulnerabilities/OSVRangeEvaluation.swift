import PythonPackaging

/// Whether an `affected[]` entry covers a version, as the OSV schema evaluates it: the version is
/// listed in `versions` (PEP 440 equality), or an ECOSYSTEM range holds it. A range's events are
/// taken in version order: `introduced` opens it (at the version), `fixed` and `limit` close it at
/// the version, `last_affected` closes it just after. `introduced: "0"` is the start of time.
/// Versions that are not PEP 440 are skipped, as `packaging` cannot order them.
public enum OSVRangeEvaluation {
    public static func affects(_ entry: OSVAffectedPackage, version: Version) -> Bool {
        if entry.versionKeys.contains(comparisonKey(version)) { return true }
        return entry.ranges.contains { contains($0, version: version) }
    }

    /// Whether one range's events leave `version` affected.
    public static func contains(_ events: [OSVRangeEvent], version: Version) -> Bool {
        let zero = Version(release: [0])
        // A stable sort: events at the same version keep their written order.
        let ordered = events.compactMap { event -> (Version, OSVRangeEvent)? in
            let text = event.version
            guard let parsed = text == "0" ? zero : Version.parse(text) else { return nil }
            return (parsed, event)
        }.enumerated().sorted { a, b in a.element.0 == b.element.0 ? a.offset < b.offset : a.element.0 < b.element.0 }.map(\.element)
        var affected = false
        for (boundary, event) in ordered {
            switch event {
            case .introduced: if version >= boundary { affected = true }
            case .fixed, .limit: if version >= boundary { affected = false }
            case .lastAffected: if version > boundary { affected = false }
            }
        }
        return affected
    }

    /// Text that two versions share exactly when PEP 440 calls them equal (trailing zeros of the
    /// release do not count: `1.0 == 1.0.0`); nil when the text is not a version.
    public static func comparisonKey(_ text: String) -> String? {
        Version.parse(text).map(comparisonKey)
    }

    public static func comparisonKey(_ version: Version) -> String {
        var release = version.release
        while release.count > 1 && release.last == 0 { release.removeLast() }
        return version.replacing(release: release).description
    }
}
