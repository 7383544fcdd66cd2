/// One clause: `>=1.0`, `==1.*`, `~=2.2`, `===foo`.
///
/// Parsing follows packaging's specifier pattern; membership follows packaging's `_compare_*`
/// operators, with the spec's version parsed once here.
public struct Specifier: Hashable, CustomStringConvertible, Sendable {
    public enum Operator: String, Sendable, CaseIterable {
        case compatible = "~=", equal = "==", notEqual = "!=", lessEqual = "<=", greaterEqual = ">=",
             less = "<", greater = ">", arbitrary = "==="
    }

    public let op: Operator
    /// The version text as written (may end with `.*` for == and !=).
    public let version: String
    /// The parsed version (without `.*`); nil only for `===` with text that is not a version.
    public let parsedVersion: Version?
    /// The prefix for `==X.*`, `!=X.*` and `~=`.
    let prefix: WildcardPrefix?
    /// For `<V`: the earliest pre-release of V (V.dev0), which `<` must not admit.
    let earliestPrerelease: Version?

    public init(_ text: String) throws {
        let scalars = Array(text.unicodeScalars)
        let trimmed = PythonCharacterClass.strip(scalars[...])
        guard let match = SpecifierScanner.match(scalars, from: trimmed.startIndex, limit: trimmed.endIndex),
              match.end == trimmed.endIndex
        else {
            throw PackagingParseError(text: text, message: "Invalid specifier: '\(text)'")
        }
        let versionStart = trimmed.startIndex + match.op.rawValue.unicodeScalars.count
        let versionText = String(scalars: PythonCharacterClass.strip(scalars[versionStart..<trimmed.endIndex]))
        try self.init(validatedOp: match.op, version: versionText, text: text)
    }

    public init(op: Operator, version: String) throws {
        let parsed = try Specifier(op.rawValue + version)
        guard parsed.op == op else {
            throw PackagingParseError(text: op.rawValue + version, message: "Invalid specifier: '\(op.rawValue + version)'")
        }
        self = parsed
    }

    private init(validatedOp op: Operator, version: String, text: String) throws {
        self.op = op
        self.version = version
        let isWildcard = version.hasSuffix(".*") && op != .arbitrary
        let versionText = isWildcard ? String(version.dropLast(2)) : version
        let parsed = Version.parse(versionText)
        guard parsed != nil || op == .arbitrary else {
            // The pattern accepts a few texts that Version rejects (a number too big for Int).
            throw PackagingParseError(text: text, message: "Invalid specifier: '\(text)'")
        }
        parsedVersion = parsed
        switch op {
        case .compatible: prefix = WildcardPrefix(compatibleWith: version)
        case .equal, .notEqual: prefix = isWildcard ? WildcardPrefix(base: versionText) : nil
        default: prefix = nil
        }
        if op == .less, let parsed, !parsed.isPrerelease {
            earliestPrerelease = parsed.replacing(dev: .some(0), local: [])
        } else {
            earliestPrerelease = nil
        }
    }

    public var hasWildcard: Bool { version.hasSuffix(".*") }

    /// Whether the spec itself admits pre-releases when nobody says (packaging's `Specifier.prereleases`):
    /// false for `!=` and `==X.*`, nil for `===` on a non-version, else whether its version is one.
    public var impliesPrereleases: Bool? {
        if op == .notEqual { return false }
        if op == .equal && hasWildcard { return false }
        return parsedVersion?.isPrerelease
    }

    /// packaging's Specifier.contains(version, prereleases=...).
    public func contains(_ v: Version, prereleases: Bool? = nil) -> Bool {
        guard prereleases != false || !v.isPrerelease else { return false }
        return matches(v, text: nil)
    }

    /// `===` compares text; this takes the raw candidate text.
    public func contains(text: String, prereleases: Bool? = nil) -> Bool {
        guard let v = Version.parse(text) else {
            return op == .arbitrary && text.lowercased() == version.lowercased()
        }
        guard prereleases != false || !v.isPrerelease else { return false }
        return matches(v, text: text)
    }

    public var description: String { op.rawValue + version }

    /// packaging's `_canonical_spec`: the version normalized, trailing zeros dropped except for `~=`.
    var canonicalSpec: String {
        guard op != .arbitrary, !hasWildcard, let parsedVersion else { return description }
        guard op != .compatible else { return op.rawValue + parsedVersion.description }
        var release = parsedVersion.release
        while release.count > 1 && release.last == 0 { release.removeLast() }
        return op.rawValue + parsedVersion.replacing(release: release).description
    }

    /// Equal when packaging's canonical forms are (`==1.2.3` equals `== 1.2.3.0`).
    public static func == (a: Specifier, b: Specifier) -> Bool { a.canonicalSpec == b.canonicalSpec }

    public func hash(into h: inout Hasher) { h.combine(canonicalSpec) }
}
