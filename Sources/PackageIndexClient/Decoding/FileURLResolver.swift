import Foundation

/// Resolves the file links of one document against the URL the document was served from (RFC
/// 3986, section 5), as a browser or pip would. Absolute links are kept as written.
///
/// A project document holds thousands of links that share a few relative prefixes
/// (`../../packages/`), so each prefix is resolved once with Foundation and the rest of a link
/// is appended; a link whose rest could change the resolution (dot segments, a leading slash,
/// characters Foundation would reject) is resolved whole, the slow way.
final class FileURLResolver {
    private let base: URL?
    private var directories: [Substring: String] = [:]

    init(documentURL: String?) {
        base = documentURL.flatMap { URL(string: URLRedaction.strippingCredentials($0)) }
    }

    func resolve(_ href: String) -> String {
        guard let base, !Self.isAbsolute(href) else { return href }
        let utf8 = href.utf8
        // The leading run of "../" and "./" segments.
        var restStart = utf8.startIndex
        while true {
            let rest = utf8[restStart...]
            if rest.starts(with: "../".utf8) {
                restStart = utf8.index(restStart, offsetBy: 3)
            } else if rest.starts(with: "./".utf8) {
                restStart = utf8.index(restStart, offsetBy: 2)
            } else {
                break
            }
        }
        let rest = href[restStart...]
        guard Self.isPlainPath(rest) else { return Self.foundationResolve(href, against: base) }
        let prefix = href[..<restStart]
        if let directory = directories[prefix] { return directory + rest }
        // Resolve the prefix with a placeholder last segment, then drop the placeholder.
        let probe = Self.foundationResolve(prefix + "p", against: base)
        guard probe.hasSuffix("p"), probe != prefix + "p" else { return Self.foundationResolve(href, against: base) }
        let directory = String(probe.dropLast())
        directories[prefix] = directory
        return directory + rest
    }

    /// Has a scheme (`https://...`): kept as written. The test the decoders always applied.
    static func isAbsolute(_ href: String) -> Bool {
        contains(href.utf8[...], "://")
    }

    /// A path that appends to a resolved directory unchanged: not empty, no leading slash or
    /// query, no dot segments, and only characters a URL may hold as written.
    static func isPlainPath(_ rest: Substring) -> Bool {
        let utf8 = rest.utf8
        guard let first = utf8.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "?"),
              first != UInt8(ascii: "#") else { return false }
        if rest == "." || rest == ".." || rest.hasSuffix("/.") || rest.hasSuffix("/..") { return false }
        if contains(utf8, "/./") || contains(utf8, "/../") { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return allowedPunctuation.contains(byte)
            }
        }
    }

    private static let allowedPunctuation = Set("-._~/%!$&'()*+,;=:@?#".utf8)

    /// Whether `text` holds `needle`, byte for byte (Foundation's `contains` is far slower here).
    private static func contains(_ text: Substring.UTF8View, _ needle: StaticString) -> Bool {
        let found = text.withContiguousStorageIfAvailable { haystack in
            needle.withUTF8Buffer { pattern -> Bool in
                guard haystack.count >= pattern.count, let first = pattern.first else { return false }
                var start = 0
                while start <= haystack.count - pattern.count {
                    if haystack[start] == first, (1..<pattern.count).allSatisfy({ haystack[start + $0] == pattern[$0] }) {
                        return true
                    }
                    start += 1
                }
                return false
            }
        }
        return found ?? String(Substring(text)).contains(needle.description)
    }

    /// Foundation's resolution; a link it cannot parse stays as written.
    static func foundationResolve(_ href: String, against base: URL) -> String {
        URL(string: href, relativeTo: base)?.absoluteString ?? href
    }
}
