import PythonPackaging

/// Choosing releases from a project document: the release a pin means, and the release a resolver
/// would pick for a package nobody pinned.
public enum ReleaseSelection {
    /// The release whose key equals `version` under PEP 440 (`3.2.0` is `3.2`); exact text first.
    public static func release(matching version: String, in project: ProjectFacts) -> ReleaseFacts? {
        if let exact = project.releases.first(where: { $0.version == version }) { return exact }
        guard let wanted = Version.parse(version) else { return nil }
        return project.releases.first { Version.parse($0.version) == wanted }
    }

    /// Whether a release's `requires_python` admits one of the target Pythons (unparseable admits).
    public static func admits(_ release: ReleaseFacts, pythons: [String]) -> Bool {
        guard let text = release.requiresPython, let spec = try? SpecifierSet(text) else { return true }
        if pythons.isEmpty { return true }
        return pythons.contains { py in Version.parse(py).map { spec.contains($0, prereleases: true) } ?? true }
    }

    /// The newest release a resolver would install for `specifiers`: parseable, with files, not yanked,
    /// admitted by `requires_python`, final unless pre-releases are allowed or nothing else matches.
    public static func newest(in project: ProjectFacts, satisfying specifiers: [SpecifierSet], pythons: [String],
                              allowPrereleases: Bool = false) -> ReleaseFacts? {
        var candidates: [(Version, ReleaseFacts)] = []
        for release in project.releases where !release.files.isEmpty && !release.isYanked {
            guard let v = Version.parse(release.version), admits(release, pythons: pythons) else { continue }
            candidates.append((v, release))
        }
        let combined = SpecifierSet(specifiers.flatMap(\.clauses))
        let matching = candidates.filter { combined.contains($0.0, prereleases: true) }
        let finals = matching.filter { !$0.0.isPrerelease }
        let explicitPre = combined.clauses.contains { Version.parse(String($0.version.prefix { $0 != "*" }))?.isPrerelease ?? false }
        let pool = (allowPrereleases || explicitPre || finals.isEmpty) ? matching : finals
        return pool.max { $0.0 < $1.0 }?.1
    }
}
