/// An image reference from `FROM`: `[registry/]repository[:tag][@digest]`, and what it says
/// about the Python it ships when it is the official Python image.
public struct DockerImageReference: Hashable, Sendable, CustomStringConvertible {
    /// How firmly a Python image reference pins what it ships.
    public enum PinLevel: String, Hashable, Sendable {
        /// No tag, `latest`, a major-only tag (`3`, `3-slim`) or a variant-only tag (`slim`).
        case unpinned
        /// `X.Y` tags (`3.12`, `3.12-slim`): the patch release and the OS release move.
        case minorOnly
        /// `X.Y.Z` tags (`3.12.7-slim-bookworm`).
        case patch
        /// A `@sha256:` digest: the exact image, whatever the tag says.
        case digest
    }

    /// The reference as written (after variable expansion).
    public var text: String
    /// The repository without registry or tag (`python`, `library/python`, `myorg/app`).
    public var repository: String
    public var registry: String?
    public var tag: String?
    public var digest: String?

    public init(_ text: String) {
        self.text = text
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        var parts = rest.split(separator: "/").map(String.init)
        if parts.count > 1, let first = parts.first, first.contains(".") || first.contains(":") || first == "localhost" {
            registry = first
            parts.removeFirst()
        }
        repository = parts.joined(separator: "/")
    }

    public var description: String { text }

    /// The official Python image: `python`, `library/python`, `docker.io/library/python`.
    public var isOfficialPython: Bool {
        let official = registry == nil || registry == "docker.io" || registry == "index.docker.io" || registry == "registry-1.docker.io"
        return official && (repository == "python" || repository == "library/python")
    }

    /// The tag's leading version part (`3.12.7` of `3.12.7-slim-bookworm`), when it starts with a digit.
    public var tagVersion: String? {
        guard let tag, tag.first?.isNumber == true else { return nil }
        return String(tag.prefix { $0 != "-" })
    }

    /// `X.Y` of the tag's version, when the tag names one.
    public var pythonVersion: String? {
        guard let version = tagVersion else { return nil }
        let parts = version.split(separator: ".")
        guard parts.count >= 2, let major = Int(parts[0]) else { return nil }
        let minor = parts[1].prefix { $0.isNumber }
        guard !minor.isEmpty else { return nil }
        return "\(major).\(minor)"
    }

    public var pinLevel: PinLevel {
        if let digest, digest.hasPrefix("sha256:") { return .digest }
        guard let version = tagVersion else { return .unpinned }
        switch version.split(separator: ".").count {
        case 0, 1: return .unpinned
        case 2: return .minorOnly
        default: return .patch
        }
    }

    /// An Alpine (musl) variant.
    public var isAlpine: Bool { tag?.contains("alpine") ?? false }
}
