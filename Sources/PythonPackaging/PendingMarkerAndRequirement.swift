// Placeholder bodies until the marker and requirement parsers land (next commits).
/// Values of PEP 508 marker variables for one target.
public struct MarkerEnvironment: Hashable, Sendable {
    public var values: [String: String]
    public init(_ values: [String: String]) { self.values = values }
    public enum Platform: String, Sendable, CaseIterable { case linux, macos, windows }
    /// A CPython target: `python_version` X.Y, `python_full_version` X.Y.0 unless given,
    /// platform values as CPython reports them on x86_64 (`linux`/`Linux`/`posix`, `darwin`/`Darwin`, `win32`/`Windows`/`nt`).
    public static func target(pythonVersion: String, platform: Platform) -> MarkerEnvironment { fatalError("stub") }
}

/// A PEP 508 marker expression.
public struct Marker: Hashable, CustomStringConvertible, Sendable {
    public init(_ text: String) throws { fatalError("stub") }
    /// packaging's Marker.evaluate; `extra` defaults to "" as packaging does.
    public func evaluate(_ env: MarkerEnvironment, extras: Set<String> = []) -> Bool { fatalError("stub") }
    /// Valid PEP 508 text (packaging's str(Marker) form: `python_version >= "3.8" and sys_platform == "linux"`).
    public var description: String { fatalError("stub") }
    /// Names of the extras this marker tests with `extra == "x"` (canonicalized).
    public var referencedExtras: Set<String> { fatalError("stub") }
    public static func == (a: Marker, b: Marker) -> Bool { a.description == b.description }
    public func hash(into h: inout Hasher) { h.combine(description) }
}

/// A PEP 508 requirement: `name[extras] specifier ; marker` or `name[extras] @ url ; marker`.
public struct Requirement: Hashable, CustomStringConvertible, Sendable {
    public var name: String
    public var extras: [String]
    public var specifier: SpecifierSet
    public var url: String?
    public var marker: Marker?
    public init(name: String, extras: [String] = [], specifier: SpecifierSet = .any, url: String? = nil, marker: Marker? = nil) {
        self.name = name; self.extras = extras; self.specifier = specifier; self.url = url; self.marker = marker
    }
    /// Throws PackagingParseError with a column, as packaging's Requirement does.
    public init(_ text: String) throws { fatalError("stub") }
    public var canonicalName: String { PackageName.canonicalize(name) }
    public var description: String { fatalError("stub") }
}
