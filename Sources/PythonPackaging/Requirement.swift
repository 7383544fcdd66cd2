/// A PEP 508 requirement: `name[extras] specifier ; marker` or `name[extras] @ url ; marker`.
public struct Requirement: Hashable, CustomStringConvertible, Sendable {
    public var name: String
    /// Sorted, without duplicates (packaging keeps a set).
    public var extras: [String]
    public var specifier: SpecifierSet
    public var url: String?
    public var marker: Marker?

    public init(name: String, extras: [String] = [], specifier: SpecifierSet = .any, url: String? = nil, marker: Marker? = nil) {
        self.name = name; self.extras = extras; self.specifier = specifier; self.url = url; self.marker = marker
    }

    /// Throws PackagingParseError with a column, as packaging's Requirement does.
    public init(_ text: String) throws {
        self = try RequirementParser.parse(text)
    }

    public var canonicalName: String { PackageName.canonicalize(name) }

    /// packaging's `str(Requirement)`: extras sorted, specifier clauses sorted, `; ` before the marker.
    public var description: String {
        var text = name
        let extras = Set(self.extras)
        if !extras.isEmpty { text += "[" + extras.sorted(by: Self.codePointOrder).joined(separator: ",") + "]" }
        if !specifier.isEmpty { text += specifier.normalizedDescription }
        if let url, !url.isEmpty {
            text += " @ " + url
            if marker != nil { text += " " }
        }
        if let marker { text += "; " + marker.description }
        return text
    }

    static func codePointOrder(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
    }

    /// packaging's equality: canonical names, extras as sets, specifiers, URL and marker text.
    public static func == (a: Requirement, b: Requirement) -> Bool {
        a.canonicalName == b.canonicalName && Set(a.extras) == Set(b.extras) && a.specifier == b.specifier
            && a.url == b.url && a.marker == b.marker
    }

    public func hash(into h: inout Hasher) {
        h.combine(canonicalName)
        h.combine(Set(extras))
        h.combine(specifier)
        h.combine(url)
        h.combine(marker)
    }
}
