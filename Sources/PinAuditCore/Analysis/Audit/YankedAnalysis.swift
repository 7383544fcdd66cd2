import PythonPackaging

/// PEP 592: a pinned release whose files are all yanked. pip still installs it for an `==` pin,
/// but the authors asked people to stop using it.
enum YankedAnalysis {
    static func finding(_ pin: AuditPin, release: ReleaseCatalog.Release, candidates: [ReleaseCatalog.Release]) -> Finding? {
        guard release.isYanked else { return nil }
        let reason = release.yankedReason.map { "reason: \($0)" } ?? "no reason given"
        let advice: String
        if let replacement = replacement(for: release.version, among: candidates) {
            advice = "pin \(pin.name)==\(replacement.key) instead."
        } else {
            advice = "the index has no other installable final release; choose another version or another package."
        }
        return Finding(rule: .yanked, package: pin.name, location: pin.location,
                       message: "\(pin.name) \(pin.version) is yanked on the index (\(reason)): \(advice)")
    }

    /// The nearest release to move to: the smallest greater one in the same minor series, else the
    /// smallest greater one, else the greatest lower one. Local builds are never suggested.
    static func replacement(for pinned: Version, among candidates: [ReleaseCatalog.Release]) -> ReleaseCatalog.Release? {
        let plain = candidates.filter { $0.version.local.isEmpty && $0.version != pinned }
        let greater = plain.filter { $0.version > pinned }.sorted { $0.version < $1.version }
        let sameMinor: (Version) -> Bool = {
            $0.epoch == pinned.epoch && $0.releasePart(0) == pinned.releasePart(0) && $0.releasePart(1) == pinned.releasePart(1)
        }
        if let next = greater.first(where: { sameMinor($0.version) }) { return next }
        if let next = greater.first { return next }
        return plain.filter { $0.version < pinned }.max { $0.version < $1.version }
    }
}
