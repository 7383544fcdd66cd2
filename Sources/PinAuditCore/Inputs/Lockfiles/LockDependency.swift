import PythonPackaging

/// One edge of a lockfile's dependency graph: a locked package needs `name` (under `marker`,
/// with `extras`).
public struct LockDependency: Hashable, Sendable {
    /// Canonical (PEP 503) name of the package depended on.
    public var name: String
    /// The condition under which the dependency applies, when the lock records one.
    public var marker: Marker?
    /// The marker text as the lock writes it (kept even when it does not parse).
    public var markerText: String?
    /// Extras of the dependency that are requested (canonicalized).
    public var extras: [String]
    /// The exact version the edge points at, when the lock disambiguates forks (uv).
    public var version: String?
    /// The edge only applies when an extra of the dependent is requested (Poetry's `optional = true`,
    /// uv's `optional-dependencies`), so the target may legitimately be absent from the lock.
    public var isOptional: Bool

    public init(name: String, marker: Marker? = nil, markerText: String? = nil, extras: [String] = [],
                version: String? = nil, isOptional: Bool = false) {
        self.name = name; self.marker = marker; self.markerText = markerText ?? marker?.description
        self.extras = extras; self.version = version; self.isOptional = isOptional
    }
}
