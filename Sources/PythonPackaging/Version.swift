/// A PEP 440 version. Equality and hashing follow PEP 440 (`3.2.0 == 3.2`); ordering is packaging's.
///
/// A comparison key (packaging's `_cmpkey`) is computed once at initialization, so comparing and
/// hashing never re-derive it.
public struct Version: Hashable, Comparable, CustomStringConvertible, Sendable {
    /// The three pre-release kinds after normalization (`alpha` → `a`, `c`/`pre`/`preview` → `rc`).
    public enum PreReleaseKind: String, Sendable, Comparable {
        case alpha = "a", beta = "b", rc = "rc"

        var rank: Int {
            switch self {
            case .alpha: 0
            case .beta: 1
            case .rc: 2
            }
        }

        public static func < (a: PreReleaseKind, b: PreReleaseKind) -> Bool { a.rank < b.rank }
    }

    public let epoch: Int
    public let release: [Int]
    public let pre: (kind: PreReleaseKind, number: Int)?
    public let post: Int?
    public let dev: Int?
    /// Local segments as normalized text pieces (`abc`, `5`); empty when none.
    public let local: [String]
    let key: VersionKey

    /// Throws PackagingParseError for text that is not a valid PEP 440 version.
    public init(_ text: String) throws {
        guard let parts = Scanner.scan(text) else {
            throw PackagingParseError(text: text, message: "Invalid version: '\(text)'")
        }
        self.init(validated: parts)
    }

    /// A version from its parts. `release` must not be empty and no number may be negative;
    /// local pieces are normalized (lowercased, numbers without leading zeros).
    public init(epoch: Int = 0, release: [Int], pre: (kind: PreReleaseKind, number: Int)? = nil,
                post: Int? = nil, dev: Int? = nil, local: [String] = []) {
        precondition(!release.isEmpty, "A version needs at least one release number.")
        let pieces = local.map { piece -> LocalSegment in
            if !piece.isEmpty, piece.utf8.allSatisfy(ASCII.isDigit), let number = Int(piece) { return .number(number) }
            return .text(piece.lowercased())
        }
        self.init(validated: VersionParts(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: pieces))
    }

    init(validated parts: VersionParts) {
        epoch = parts.epoch
        release = parts.release
        pre = parts.pre
        post = parts.post
        dev = parts.dev
        local = parts.local.map(\.description)
        key = VersionKey(parts)
    }

    /// nil when invalid.
    public static func parse(_ text: String) -> Version? { try? Version(text) }

    /// A pre-release or a development release.
    public var isPrerelease: Bool { dev != nil || pre != nil }
    public var isDevrelease: Bool { dev != nil }
    public var isPostrelease: Bool { post != nil }
    /// Whether the version has a local segment (`+abc`).
    public var isLocal: Bool { !local.isEmpty }

    /// `release[0]`, or 0.
    public var major: Int { releasePart(0) }
    /// `release[1]`, or 0.
    public var minor: Int { releasePart(1) }
    /// `release[2]`, or 0.
    public var micro: Int { releasePart(2) }

    /// Without the local part.
    public var publicVersion: Version {
        isLocal ? replacing(local: []) : self
    }

    /// Epoch and release only (packaging's `base_version`, as a version).
    public var baseVersion: Version {
        pre == nil && post == nil && dev == nil && !isLocal ? self : Version(epoch: epoch, release: release)
    }

    /// Normalized text, as packaging's str(Version).
    public var description: String {
        var text = epoch != 0 ? "\(epoch)!" : ""
        for (index, part) in release.enumerated() {
            if index > 0 { text += "." }
            text += String(part)
        }
        if let pre { text += pre.kind.rawValue + String(pre.number) }
        if let post { text += ".post" + String(post) }
        if let dev { text += ".dev" + String(dev) }
        if isLocal { text += "+" + local.joined(separator: ".") }
        return text
    }

    public static func == (a: Version, b: Version) -> Bool { a.key == b.key }
    public static func < (a: Version, b: Version) -> Bool { a.key < b.key }
    public func hash(into h: inout Hasher) { h.combine(key) }

    /// `release[i]`, with missing parts as 0.
    public func releasePart(_ i: Int) -> Int { i < release.count ? release[i] : 0 }

    /// A copy with some parts replaced (packaging's `__replace__`): an argument left out keeps that
    /// part, `.some(nil)` clears it.
    public func replacing(release: [Int]? = nil, pre: (kind: PreReleaseKind, number: Int)?? = nil,
                          post: Int?? = nil, dev: Int?? = nil, local: [String]? = nil) -> Version {
        Version(epoch: epoch, release: release ?? self.release,
                pre: pre == nil ? self.pre : pre!, post: post == nil ? self.post : post!,
                dev: dev == nil ? self.dev : dev!, local: local ?? self.local)
    }
}
