import Foundation

/// One index to ask: its URL, which API it speaks and where the setting came from.
public struct IndexEndpoint: Sendable, Hashable, CustomStringConvertible {
    public enum API: String, Sendable, Hashable {
        /// PyPI's JSON API (`<base>/<name>/json`): releases, metadata and vulnerabilities.
        case json
        /// PEP 691 Simple API (`<base>/<name>/`): files only; metadata from core metadata files.
        case simple
    }

    /// The URL as configured; may hold credentials, so show `redactedURL` instead.
    public var url: String
    public var api: API
    /// Where the URL was configured ("--index-url", "PIP_INDEX_URL", "/etc/pip.conf", ...).
    public var origin: String

    public init(url: String, api: API, origin: String) {
        self.url = url
        self.api = api
        self.origin = origin
    }

    /// Picks the API from the URL: a path ending in `/pypi` is the JSON API; any other URL is a
    /// Simple API, as pip reads it, except PyPI's own Simple URL, which becomes PyPI's JSON API
    /// for richer data (vulnerabilities, project URLs).
    public static func detect(_ url: String, origin: String) -> IndexEndpoint {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        let path = URLComponents(string: trimmed)?.path ?? ""
        let bare = path.hasSuffix("/") ? String(path.dropLast()) : path
        if bare.hasSuffix("/pypi") { return IndexEndpoint(url: trimmed, api: .json, origin: origin) }
        if isPublicSimpleIndex(trimmed) {
            return IndexEndpoint(url: IndexConfiguration.defaultIndexURL, api: .json, origin: origin)
        }
        return IndexEndpoint(url: trimmed, api: .simple, origin: origin)
    }

    /// pip's default index: the public index's host with path `/simple`.
    static func isPublicSimpleIndex(_ url: String) -> Bool {
        guard let components = URLComponents(string: url),
              let publicHost = URLComponents(string: IndexConfiguration.defaultIndexURL)?.host,
              components.host?.lowercased() == publicHost, components.user == nil else { return false }
        return components.path == "/simple" || components.path == "/simple/"
    }

    /// The URL with credentials replaced by `***`.
    public var redactedURL: String { URLRedaction.redact(url) }

    public var description: String { "\(redactedURL) (\(api == .json ? "JSON API" : "Simple API"), from \(origin))" }
}
