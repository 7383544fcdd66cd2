/// A comma-separated set of clauses. Empty admits everything (but pre-releases, as packaging).
///
/// Pre-release policy follows packaging 26.2: with `prereleases` nil, the set decides (true when
/// a clause names a pre-release); if it still does not know, `contains` admits a matching
/// pre-release and `filter` keeps pre-releases only when no final release matches.
public struct SpecifierSet: Hashable, CustomStringConvertible, Sendable {
    public let clauses: [Specifier]

    public init(_ text: String) throws {
        var clauses: [Specifier] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = PythonCharacterClass.strip(String(piece))
            if !trimmed.isEmpty { clauses.append(try Specifier(trimmed)) }
        }
        self.clauses = clauses
    }

    public init(_ clauses: [Specifier]) { self.clauses = clauses }

    public static let any = SpecifierSet([])

    public var isEmpty: Bool { clauses.isEmpty }

    /// packaging's `SpecifierSet.prereleases` without an override: nil for an empty set, true
    /// when any clause implies pre-releases, else nil.
    public var impliesPrereleases: Bool? {
        clauses.contains { $0.impliesPrereleases == true } ? true : nil
    }

    /// packaging's SpecifierSet.contains(version, prereleases=...).
    public func contains(_ v: Version, prereleases: Bool? = nil) -> Bool {
        if (prereleases ?? impliesPrereleases) == false && v.isPrerelease { return false }
        return clauses.allSatisfy { $0.matches(v, text: nil) }
    }

    /// packaging's SpecifierSet.contains with a version string: `===` compares the text as written,
    /// and text that is not a version can only match `===` clauses.
    public func contains(text: String, prereleases: Bool? = nil) -> Bool {
        guard let v = Version.parse(text) else {
            return clauses.allSatisfy { $0.op == .arbitrary && text.lowercased() == $0.version.lowercased() }
        }
        if (prereleases ?? impliesPrereleases) == false && v.isPrerelease { return false }
        return clauses.allSatisfy { $0.matches(v, text: text) }
    }

    /// packaging's SpecifierSet.filter: keeps order; pre-releases only when allowed or nothing else matches.
    public func filter(_ versions: [Version], prereleases: Bool? = nil) -> [Version] {
        let policy = prereleases ?? impliesPrereleases
        let matching = versions.filter { v in
            !(policy == false && v.isPrerelease) && clauses.allSatisfy { $0.matches(v, text: nil) }
        }
        guard policy == nil else { return matching }
        let finals = matching.filter { !$0.isPrerelease }
        return finals.isEmpty ? matching : finals
    }

    /// Clauses joined with "," in written order (as packaging's str, which sorts: we keep written order).
    public var description: String { clauses.map(\.description).joined(separator: ",") }

    /// packaging's `str(SpecifierSet)`: clauses sorted by text, duplicates (by canonical form) dropped.
    public var normalizedDescription: String {
        canonicalClauses.map(\.description).joined(separator: ",")
    }

    /// Clauses sorted by their text (code point order), keeping the first of equal clauses.
    var canonicalClauses: [Specifier] {
        let sorted = clauses.sorted { Array($0.description.unicodeScalars.map(\.value))
            .lexicographicallyPrecedes($1.description.unicodeScalars.map(\.value)) }
        var seen = Set<String>()
        return sorted.filter { seen.insert($0.canonicalSpec).inserted }
    }

    /// Both sets' clauses: versions must satisfy each (packaging's `&`).
    public func intersection(_ other: SpecifierSet) -> SpecifierSet {
        SpecifierSet(clauses + other.clauses)
    }

    /// Equal when the deduplicated, sorted clauses are (packaging's `==`).
    public static func == (a: SpecifierSet, b: SpecifierSet) -> Bool { a.canonicalClauses == b.canonicalClauses }

    public func hash(into h: inout Hasher) { h.combine(canonicalClauses) }
}
