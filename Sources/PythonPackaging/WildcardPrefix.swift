/// The prefix that `==1.2.*` (and `~=1.2.3`, as `==1.2.*`) compares candidates against, worked
/// out on version text exactly as packaging does (`_version_split`, `_left_pad`), quirks included.
struct WildcardPrefix: Hashable, Sendable {
    let components: [String]
    let numericLength: Int

    /// The prefix of a wildcard spec whose text before `.*` is `base`.
    init(base: String) {
        components = Self.split(Self.canonical(base))
        numericLength = Self.numericPrefixLength(components)
    }

    /// The `==X.*` prefix implied by `~=` with the spec text `text`.
    init(compatibleWith text: String) {
        var kept: [String] = []
        for component in Self.split(text) {
            if ["dev", "a", "b", "rc", "post"].contains(where: { component.hasPrefix($0) }) { break }
            kept.append(component)
        }
        if !kept.isEmpty { kept.removeLast() }
        if kept.isEmpty { kept = ["0"] }
        let joined = kept[0] + "!" + kept.dropFirst().joined(separator: ".")
        self.init(base: joined)
    }

    /// Whether the public part of `version` starts with this prefix.
    func matches(_ version: Version) -> Bool {
        var candidate = Self.split(version.publicVersion.description)
        let numeric = Self.numericPrefixLength(candidate)
        if numeric < numericLength {
            candidate.insert(contentsOf: repeatElement("0", count: numericLength - numeric), at: numeric)
        }
        return candidate.prefix(components.count).elementsEqual(components)
    }

    /// packaging's `canonicalize_version(text, strip_trailing_zero=False)`: invalid text is kept.
    private static func canonical(_ text: String) -> String {
        Version.parse(text)?.description ?? text
    }

    /// packaging's `_version_split`: the epoch, then the dot-separated items, with `1rc1` split in two.
    static func split(_ text: String) -> [String] {
        var result: [String] = []
        let rest: Substring
        if let bang = text.lastIndex(of: "!") {
            let epoch = text[..<bang]
            result.append(epoch.isEmpty ? "0" : String(epoch))
            rest = text[text.index(after: bang)...]
        } else {
            result.append("0")
            rest = text[...]
        }
        for item in rest.split(separator: ".", omittingEmptySubsequences: false) {
            if let (number, suffix) = splitPreRelease(item) {
                result.append(number)
                result.append(suffix)
            } else {
                result.append(String(item))
            }
        }
        return result
    }

    /// `([0-9]+)((?:a|b|c|rc)[0-9]+)` as a full match.
    private static func splitPreRelease(_ item: Substring) -> (String, String)? {
        let bytes = Array(item.utf8)
        var i = 0
        while i < bytes.count, ASCII.isDigit(bytes[i]) { i += 1 }
        guard i > 0, i < bytes.count else { return nil }
        var j = i
        if bytes[j] == UInt8(ascii: "r"), j + 1 < bytes.count, bytes[j + 1] == UInt8(ascii: "c") {
            j += 2
        } else if [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "c")].contains(bytes[j]) {
            j += 1
        } else {
            return nil
        }
        guard j < bytes.count, bytes[j...].allSatisfy(ASCII.isDigit) else { return nil }
        return (String(decoding: bytes[..<i], as: UTF8.self), String(decoding: bytes[i...], as: UTF8.self))
    }

    /// How many leading components are digits only (Python's `str.isdigit`).
    private static func numericPrefixLength(_ components: [String]) -> Int {
        var count = 0
        for component in components {
            guard !component.isEmpty, component.unicodeScalars.allSatisfy({ scalar in
                switch scalar.properties.numericType {
                case .decimal?, .digit?: return true
                default: return false
                }
            }) else { break }
            count += 1
        }
        return count
    }
}
