import PythonPackaging

/// What the configuration's `allow-unpinned` lets stay unpinned in one run: the packages it names,
/// and whole kinds of requirement (editables, local paths) once it allows one of them.
///
/// Replaces the sentinel names (`":editable:"`, `":local:"`) the command layer used to put among
/// the package names.
public struct UnpinnedAllowance: Sendable, Equatable {
    /// Canonical names allowed to stay unpinned.
    public var names: Set<String>
    /// Some allowed requirement is editable (`-e`): every editable one may stay unpinned.
    public var editables: Bool
    /// Some allowed requirement is a local path: every local-path one may stay unpinned.
    public var localPaths: Bool

    public init(names: Set<String> = [], editables: Bool = false, localPaths: Bool = false) {
        self.names = names; self.editables = editables; self.localPaths = localPaths
    }

    /// Nothing allowed.
    public static let none = UnpinnedAllowance()

    /// The allowance of `configuration` over the requirements of a run.
    public init(configuration: Configuration, entries: [RequirementEntry]) {
        self.init(names: Set(configuration.allowUnpinned.map(PackageName.canonicalize)))
        for entry in entries where configuration.allowsUnpinned(entry) {
            if let name = entry.canonicalName { names.insert(name) }
            if entry.editable { editables = true }
            if entry.isLocalReference { localPaths = true }
        }
    }

    /// Whether `entry` may stay unpinned.
    public func allows(_ entry: RequirementEntry) -> Bool {
        if let name = entry.canonicalName, names.contains(name) { return true }
        if entry.editable && editables { return true }
        if entry.isLocalReference && localPaths { return true }
        return false
    }
}

extension RequirementEntry {
    /// Whether the requirement names a local path (`./src`, `../lib/pkg.whl`) rather than a
    /// package or a URL pip would download: the one test of "is local" every analysis uses.
    public var isLocalReference: Bool {
        guard let url else { return false }
        return !RequirementLine.isURL(url)
    }
}
