import PythonPackaging

/// Choosing releases from a project document: the release a pin means, and the release a resolver
/// would pick for a package nobody pinned. Built on `ReleaseCatalog`, which the audit reads releases with.
public enum ReleaseSelection {
    /// The release whose key equals `version` under PEP 440 (`3.2.0` is `3.2`); exact text first.
    /// A listed release without files still counts: the version exists, pip just cannot install it.
    public static func release(matching version: String, in project: ProjectFacts) -> ReleaseFacts? {
        if let exact = project.releases.first(where: { $0.version == version }) { return exact }
        guard let wanted = Version.parse(version) else { return nil }
        let catalog = ReleaseCatalog(project)
        if let release = catalog.release(wanted) { return release.facts }
        return catalog.emptyKeys.first { $0.version == wanted }.flatMap { empty in project.releases.first { $0.version == empty.key } }
    }

    /// The newest release a resolver would install for `specifiers`: parseable, with files, not yanked,
    /// admitted by `requires_python` for one of the target Pythons, final unless pre-releases are
    /// allowed, explicitly asked for, or nothing else matches.
    public static func newest(in project: ProjectFacts, satisfying specifiers: [SpecifierSet], pythons: [String],
                              allowPrereleases: Bool = false) -> ReleaseFacts? {
        let targets = pythons.compactMap(Version.parse)
        let combined = SpecifierSet(specifiers.flatMap(\.clauses))
        let matching = ReleaseCatalog(project).releases.filter { release in
            !release.isYanked
                && (targets.isEmpty || targets.contains { release.admits(python: $0) })
                && combined.contains(release.version, prereleases: true)
        }
        let finals = matching.filter { !$0.version.isPrerelease }
        let explicitPre = combined.clauses.contains { Version.parse(String($0.version.prefix { $0 != "*" }))?.isPrerelease ?? false }
        let pool = (allowPrereleases || explicitPre || finals.isEmpty) ? matching : finals
        return pool.max { $0.version < $1.version }?.facts
    }
}
