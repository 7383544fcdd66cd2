// PUBLIC API CONTRACT of PythonPackaging. Other modules are written against these signatures.
// The bodies here are placeholders; the real implementation replaces this file (split into
// PackageName.swift, Version.swift, Specifier.swift, SpecifierSet.swift, Marker*.swift, Requirement*.swift).

/// PEP 503 names.
public enum PackageName {
    /// `Flask_SQLAlchemy` → `flask-sqlalchemy`; runs of `-`, `_`, `.` become one `-`, lowercased.
    public static func canonicalize(_ name: String) -> String { fatalError("stub") }
    /// PEP 508 name syntax: letters/digits at both ends, `-_.` inside.
    public static func isValid(_ name: String) -> Bool { fatalError("stub") }
}

/// An invalid version, specifier, marker or requirement: carries the text, a message and a
/// 0-based column (character offset) of the problem where known.
public struct PackagingParseError: Error, CustomStringConvertible, Sendable, Equatable {
    public var text: String
    public var message: String
    public var column: Int?
    public init(text: String, message: String, column: Int? = nil) {
        self.text = text; self.message = message; self.column = column
    }
    /// "expected ..., at column N" with the text and a caret line under the problem.
    public var description: String { fatalError("stub") }
}

/// A PEP 440 version. Equality and hashing follow PEP 440 (`3.2.0 == 3.2`); ordering is packaging's.
public struct Version: Hashable, Comparable, CustomStringConvertible, Sendable {
    public enum PreReleaseKind: String, Sendable { case alpha = "a", beta = "b", rc = "rc" }
    public let epoch: Int
    public let release: [Int]
    public let pre: (kind: PreReleaseKind, number: Int)?
    public let post: Int?
    public let dev: Int?
    /// Local segments as normalized text pieces (`abc`, `5`); empty when none.
    public let local: [String]
    /// Throws PackagingParseError for text that is not a valid PEP 440 version.
    public init(_ text: String) throws { fatalError("stub") }
    /// nil when invalid.
    public static func parse(_ text: String) -> Version? { try? Version(text) }
    public var isPrerelease: Bool { fatalError("stub") }   // pre or dev
    public var isDevrelease: Bool { dev != nil }
    public var isPostrelease: Bool { post != nil }
    /// Without the local part.
    public var publicVersion: Version { fatalError("stub") }
    /// Normalized text, as packaging's str(Version).
    public var description: String { fatalError("stub") }
    public static func == (a: Version, b: Version) -> Bool { fatalError("stub") }
    public static func < (a: Version, b: Version) -> Bool { fatalError("stub") }
    public func hash(into h: inout Hasher) { fatalError("stub") }
    /// `release[i]`, with missing parts as 0.
    public func releasePart(_ i: Int) -> Int { i < release.count ? release[i] : 0 }
}

/// One clause: `>=1.0`, `==1.*`, `~=2.2`, `===foo`.
public struct Specifier: Hashable, CustomStringConvertible, Sendable {
    public enum Operator: String, Sendable, CaseIterable {
        case compatible = "~=", equal = "==", notEqual = "!=", lessEqual = "<=", greaterEqual = ">=",
             less = "<", greater = ">", arbitrary = "==="
    }
    public let op: Operator
    /// The version text as written (may end with `.*` for == and !=).
    public let version: String
    public init(_ text: String) throws { fatalError("stub") }
    public init(op: Operator, version: String) throws { fatalError("stub") }
    public var hasWildcard: Bool { version.hasSuffix(".*") }
    /// packaging's Specifier.contains(version, prereleases=...).
    public func contains(_ v: Version, prereleases: Bool? = nil) -> Bool { fatalError("stub") }
    /// `===` compares text; this takes the raw candidate text.
    public func contains(text: String, prereleases: Bool? = nil) -> Bool { fatalError("stub") }
    public var description: String { op.rawValue + version }
}

/// A comma-separated set of clauses. Empty admits everything (but pre-releases, as packaging).
public struct SpecifierSet: Hashable, CustomStringConvertible, Sendable {
    public let clauses: [Specifier]
    public init(_ text: String) throws { fatalError("stub") }
    public init(_ clauses: [Specifier]) { self.clauses = clauses }
    public static let any = SpecifierSet([])
    public var isEmpty: Bool { clauses.isEmpty }
    /// packaging's SpecifierSet.contains(version, prereleases=...).
    public func contains(_ v: Version, prereleases: Bool? = nil) -> Bool { fatalError("stub") }
    /// packaging's SpecifierSet.filter: keeps order; pre-releases only when allowed or nothing else matches.
    public func filter(_ versions: [Version], prereleases: Bool? = nil) -> [Version] { fatalError("stub") }
    /// Clauses joined with "," in written order (as packaging's str, which sorts: we keep written order).
    public var description: String { clauses.map(\.description).joined(separator: ",") }
}

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
