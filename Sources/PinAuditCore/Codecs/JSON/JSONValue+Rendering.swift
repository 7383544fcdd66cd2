import Foundation

/// How `JSONValue.rendered` lays a document out.
public struct JSONLayout: Sendable {
    /// Spaces per level; nil writes everything on one line.
    public var indent: Int?
    /// Written between a member's key and its value.
    public var keySeparator: StaticString
    /// Members in the order of their keys rather than as given: the order Foundation's
    /// JSON writer sorts keys in (numeric, case-insensitive, by the system locale's collation,
    /// so `_` before `%` before `$` before letters).
    public var sortsKeys: Bool
    /// An empty array or object as an opening line, an empty line and a closing line, rather than `[]`.
    public var opensEmptyContainers: Bool
    /// Backspace and form feed as `\b` and `\f`.
    public var shortControlEscapes: Bool

    /// One line, no blanks: `{"a":[1,2]}`.
    public static let compact = JSONLayout(indent: nil, keySeparator: ":", sortsKeys: false, opensEmptyContainers: false,
                                           shortControlEscapes: false)
    /// Two spaces per level, `"key": value`, members as given: the JSON report formats.
    public static let pretty = JSONLayout(indent: 2, keySeparator: ": ", sortsKeys: false, opensEmptyContainers: false,
                                          shortControlEscapes: false)
    /// Two spaces per level, `"key" : value`, sorted keys, empty containers opened: the layout of
    /// Foundation's JSON writer (pretty-printed, sorted keys), which the SARIF output has always had.
    public static let prettySorted = JSONLayout(indent: 2, keySeparator: " : ", sortsKeys: true, opensEmptyContainers: true,
                                                shortControlEscapes: true)
}

extension JSONValue {
    /// JSON text; `pretty` indents by two spaces.
    public func rendered(pretty: Bool = true) -> String {
        rendered(pretty ? .pretty : .compact)
    }

    /// JSON text in `layout`.
    public func rendered(_ layout: JSONLayout) -> String {
        var writer = JSONTextWriter()
        writer.shortControlEscapes = layout.shortControlEscapes
        write(into: &writer, layout: layout, depth: 0)
        return writer.text
    }

    /// Appends this value's JSON text to `writer`, in `layout`.
    public func write(into writer: inout JSONTextWriter, layout: JSONLayout = .compact) {
        write(into: &writer, layout: layout, depth: 0)
    }

    private func write(into out: inout JSONTextWriter, layout: JSONLayout, depth: Int) {
        switch self {
        case .null: out.raw("null")
        case .bool(let b): out.bool(b)
        case .int(let i): out.int(i)
        case .decimal(let text): out.raw(bytes: text.utf8)
        case .string(let s): out.string(s)
        case .array(let items):
            Self.container(items, open: "[", close: "]", into: &out, layout: layout, depth: depth) { item, out in
                item.write(into: &out, layout: layout, depth: depth + 1)
            }
        case .object(let object):
            var members = Array(object.members)
            if layout.sortsKeys { members.sort { Self.sortsBefore($0.0, $1.0) } }
            Self.container(members, open: "{", close: "}", into: &out, layout: layout, depth: depth) { member, out in
                out.string(member.0)
                out.raw(layout.keySeparator)
                member.1.write(into: &out, layout: layout, depth: depth + 1)
            }
        }
    }

    private static func sortsBefore(_ a: String, _ b: String) -> Bool {
        a.compare(b, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.startIndex..<a.endIndex,
                  locale: Locale(identifier: "")) == .orderedAscending
    }

    private static func container<Element>(_ elements: [Element], open: StaticString, close: StaticString,
                                           into out: inout JSONTextWriter, layout: JSONLayout, depth: Int,
                                           _ body: (Element, inout JSONTextWriter) -> Void) {
        out.raw(open)
        guard let indent = layout.indent else {
            for (i, element) in elements.enumerated() {
                if i > 0 { out.raw(",") }
                body(element, &out)
            }
            out.raw(close)
            return
        }
        if elements.isEmpty {
            if layout.opensEmptyContainers {
                out.newline(indent: 0)
                out.newline(indent: indent * depth)
            }
            out.raw(close)
            return
        }
        for (i, element) in elements.enumerated() {
            if i > 0 { out.raw(",") }
            out.newline(indent: indent * (depth + 1))
            body(element, &out)
        }
        out.newline(indent: indent * depth)
        out.raw(close)
    }
}
