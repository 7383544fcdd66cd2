import Foundation

/// How the cache writes the URLs of an index's answers: relative to bases it knows, not as given.
///
/// A project's answer repeats the index's host in its page URL and the file host in every file's
/// URL. Entries are kept per index (their folder is keyed by the index URL), so those hosts need
/// not be written at all: a URL that starts with a known base is stored as `~N/rest`, where `N`
/// numbers the base (`~` never starts a URL the index gives), and is expanded when read back. The
/// bases are the index's own origin and the public index's file host, so a cache folder, such as
/// the snapshot this repository ships, names no host of the index it was filled from.
struct CacheURLCodec: Sendable, Hashable {
    /// `scheme://host[:port]/` of each base, in the order their numbers refer to.
    let bases: [String]

    init(indexURL: String) {
        var bases: [String] = []
        if let origin = Self.origin(of: indexURL) { bases.append(origin) }
        if !bases.contains(IndexConfiguration.publicFileHost) { bases.append(IndexConfiguration.publicFileHost) }
        self.bases = bases
    }

    init(bases: [String]) { self.bases = bases }

    /// The URL as the cache stores it.
    func encode(_ url: String) -> String {
        for (number, base) in bases.enumerated() where url.hasPrefix(base) {
            return "~\(number)/" + url.dropFirst(base.count)
        }
        return url
    }

    /// The URL as the index gave it; a stored URL of an unknown base number is returned as stored.
    func decode(_ stored: String) -> String {
        guard stored.utf8.first == UInt8(ascii: "~"), let slash = stored.firstIndex(of: "/"),
              let number = Int(stored[stored.index(after: stored.startIndex)..<slash]), bases.indices.contains(number) else {
            return stored
        }
        return bases[number] + stored[stored.index(after: slash)...]
    }

    func encode(_ url: String?) -> String? { url.map { encode($0) } }
    func decode(_ stored: String?) -> String? { stored.map { decode($0) } }

    /// `scheme://host[:port]/`, lowercased scheme and host; nil for a URL without a host.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        let port = components.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)/"
    }
}
