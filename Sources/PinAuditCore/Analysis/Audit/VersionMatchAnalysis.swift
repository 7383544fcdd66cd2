import PythonPackaging

/// Whether the index has the pinned version: `unknown-version` when it never had it, `local-version`
/// when `==X` would also accept the `X+label` builds the index serves.
enum VersionMatchAnalysis {
    /// What matching the pin against the catalog found.
    enum Match {
        /// The pinned release.
        case found(ReleaseCatalog.Release)
        /// The pin parses but names no release with files; the finding says why.
        case missing(Finding)
        /// The pin is not PEP 440 (`===foo`); the release of that exact key, when any.
        case unparsed(ReleaseFacts?)
    }

    static func match(_ pin: AuditPin, pinned: Version?, catalog: ReleaseCatalog, project: ProjectFacts,
                      latest: ReleaseCatalog.Release?) -> Match {
        guard let pinned else {
            if let exact = project.releases.first(where: { $0.version == pin.version && $0.hasFiles }) {
                return .unparsed(exact)
            }
            return .missing(Finding(
                rule: .unknownVersion, package: pin.name, location: pin.location,
                message: "\(pin.name) \(pin.version) is not a version the index publishes (it is not a PEP 440 version either): "
                    + "pin a published release\(suggestion(pin.name, latest))."))
        }
        if let release = catalog.release(pinned) { return .found(release) }
        return .missing(missingFinding(pin, pinned: pinned, catalog: catalog, latest: latest))
    }

    /// `local-version`: `==X` accepts `X+label` too (PEP 440), and pip picks the highest label.
    static func localBuildFinding(_ pin: AuditPin, pinned: Version, catalog: ReleaseCatalog) -> Finding? {
        let builds = catalog.localBuilds(of: pinned)
        guard !builds.isEmpty else { return nil }
        let sorted = builds.sorted { $0.version < $1.version }
        let names = sorted.map(\.key).joined(separator: ", ")
        let highest = sorted[sorted.count - 1].key
        return Finding(
            rule: .localVersionAmbiguous, package: pin.name, location: pin.location,
            message: "The index serves local builds of \(pin.name) \(pin.version) (\(names)), and `==\(pin.version)` accepts them too: "
                + "pip may install \(highest) instead of the plain release. Pin the build you mean, e.g. "
                + "`\(pin.name)==\(highest)`, or add `--hash` values for the exact files.")
    }

    private static func missingFinding(_ pin: AuditPin, pinned: Version, catalog: ReleaseCatalog,
                                       latest: ReleaseCatalog.Release?) -> Finding {
        let message: String
        if !pinned.local.isEmpty {
            let label = pinned.local.joined(separator: ".")
            let publicVersion = pinned.publicVersion
            let hasPublic = catalog.release(publicVersion) != nil
            message = "\(pin.name) \(pin.version) carries the local label `+\(label)`, and this index does not serve that build; "
                + "such builds usually come from another index (the project's own download index, e.g. for CUDA builds). "
                + (hasPublic
                    ? "The index does have \(pin.name) \(publicVersion). "
                    : "")
                + "Audit against the index that hosts it (`index-url` or `extra-index-urls` in the configuration), "
                + "or pin a release this index publishes."
        } else if let empty = catalog.emptyKeys.first(where: { $0.version == pinned }) {
            message = "The index lists \(pin.name) \(empty.key) but publishes no files for it, so pip cannot install it: "
                + "pin a release that has files\(suggestion(pin.name, latest))."
        } else {
            message = "\(pin.name) \(pin.version) is not a version the index has ever published: "
                + "check the pin for a typo and pin a published release\(suggestion(pin.name, latest))."
        }
        return Finding(rule: .unknownVersion, package: pin.name, location: pin.location, message: message)
    }

    private static func suggestion(_ name: String, _ latest: ReleaseCatalog.Release?) -> String {
        guard let latest else { return "" }
        return ", e.g. `\(name)==\(latest.key)` (the latest)"
    }
}
