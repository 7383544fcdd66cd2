import Foundation

/// Removes credentials from URLs before they reach a message, a log or the cache.
public enum URLRedaction {
    /// `https://user:secret@host/path` → `https://***@host/path`; URLs without credentials unchanged.
    public static func redact(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let authorityStart = schemeEnd.upperBound
        let rest = url[authorityStart...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? url.endIndex
        let authority = url[authorityStart..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return url }
        return String(url[..<authorityStart]) + "***" + String(url[at..<url.endIndex])
    }

    /// Redacts every `scheme://user:pass@` occurrence inside free text (curl messages, reasons).
    public static func redactingURLs(in text: String) -> String {
        guard text.contains("://"), text.contains("@") else { return text }
        var output = ""
        var remainder = Substring(text)
        while let schemeEnd = remainder.range(of: "://") {
            output += remainder[..<schemeEnd.upperBound]
            let after = remainder[schemeEnd.upperBound...]
            let authorityEnd = after.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" || $0 == " " || $0 == "\"" || $0 == "'" })
                ?? after.endIndex
            let authority = after[after.startIndex..<authorityEnd]
            if let at = authority.lastIndex(of: "@") {
                output += "***" + after[at..<authorityEnd]
            } else {
                output += authority
            }
            remainder = after[authorityEnd...]
        }
        output += remainder
        return output
    }

    /// The URL without its credentials (for keys and for the cache).
    public static func strippingCredentials(_ url: String) -> String {
        let redacted = redact(url)
        return redacted.replacingOccurrences(of: "://***@", with: "://")
    }
}

/// Credentials of a configured index URL, lent to URLs on the same host (file links of a
/// private index are given without them, and are never stored with them).
enum URLCredentials {
    static func lending(from indexURL: String, to url: String) -> String {
        guard let index = URLComponents(string: indexURL), let user = index.percentEncodedUser,
              var target = URLComponents(string: url), target.percentEncodedUser == nil,
              target.host == index.host, target.port == index.port else { return url }
        target.percentEncodedUser = user
        target.percentEncodedPassword = index.percentEncodedPassword
        return target.string ?? url
    }
}
