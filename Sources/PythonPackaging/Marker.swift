/// A PEP 508 marker expression.
///
/// The tree mirrors packaging's marker list: a list of comparisons and parenthesized groups
/// joined by `and`/`or`, which `description` prints back as packaging's `str(Marker)` does.
public struct Marker: Hashable, CustomStringConvertible, Sendable {
    /// A side of a comparison: an environment variable or a quoted value.
    public enum Operand: Hashable, Sendable {
        case variable(String)
        case value(String)

        /// The variable's name or the value's text.
        public var text: String {
            switch self {
            case .variable(let name), .value(let name): name
            }
        }

        var serialized: String {
            switch self {
            case .variable(let name): name
            case .value(let text): "\"" + text + "\""
            }
        }
    }

    /// A comparison operator of the marker language.
    public enum Operator: String, Hashable, Sendable, CaseIterable {
        case compatible = "~=", equal = "==", notEqual = "!=", lessEqual = "<=", greaterEqual = ">=",
             less = "<", greater = ">", arbitrary = "===", `in` = "in", notIn = "not in"
    }

    /// One element of a marker list.
    public indirect enum Node: Hashable, Sendable {
        case comparison(Operand, Operator, Operand)
        case group([Node])
        case and
        case or
    }

    /// The top-level marker list.
    public let nodes: [Node]

    public init(_ text: String) throws {
        var tokenizer = DependencyTokenizer(text)
        let nodes = try MarkerParser.parseMarker(&tokenizer)
        _ = try tokenizer.expect(.end, expected: "end of marker expression")
        self.init(nodes: nodes)
    }

    /// A marker from a parsed list; `extra` values at the top level are canonicalized, as packaging does.
    public init(nodes: [Node]) {
        self.nodes = nodes.map(Self.normalizingExtra)
    }

    /// packaging's `_normalize_extras`: the other side of an `extra` comparison becomes its canonical name.
    private static func normalizingExtra(_ node: Node) -> Node {
        guard case .comparison(let lhs, let op, let rhs) = node else { return node }
        if lhs == .variable("extra") { return .comparison(lhs, op, .value(PackageName.canonicalize(rhs.text))) }
        if rhs == .variable("extra") { return .comparison(.value(PackageName.canonicalize(lhs.text)), op, rhs) }
        return node
    }

    /// Valid PEP 508 text (packaging's str(Marker) form: `python_version >= "3.8" and sys_platform == "linux"`).
    public var description: String { Self.format(nodes, first: true) }

    private static func format(_ list: [Node], first: Bool) -> String {
        if list.count == 1 {
            switch list[0] {
            case .comparison: return format(list[0], first: true)
            case .group(let inner): return format(inner, first: true)
            case .and, .or: break
            }
        }
        let inner = list.map { format($0, first: false) }.joined(separator: " ")
        return first ? inner : "(" + inner + ")"
    }

    private static func format(_ node: Node, first: Bool) -> String {
        switch node {
        case .comparison(let lhs, let op, let rhs): [lhs.serialized, op.rawValue, rhs.serialized].joined(separator: " ")
        case .group(let inner): format(inner, first: first)
        case .and: "and"
        case .or: "or"
        }
    }

    /// Names of the extras this marker tests with `extra == "x"` (canonicalized).
    public var referencedExtras: Set<String> {
        var names = Set<String>()
        func visit(_ list: [Node]) {
            for node in list {
                switch node {
                case .comparison(.variable("extra"), .equal, .value(let name)),
                     .comparison(.value(let name), .equal, .variable("extra")):
                    names.insert(PackageName.canonicalize(name))
                case .group(let inner): visit(inner)
                default: break
                }
            }
        }
        visit(nodes)
        return names
    }

    /// Both markers must hold (packaging's `&`).
    public func and(_ other: Marker) -> Marker { Marker(combining: [.group(nodes), .and, .group(other.nodes)]) }

    /// Either marker may hold (packaging's `|`).
    public func or(_ other: Marker) -> Marker { Marker(combining: [.group(nodes), .or, .group(other.nodes)]) }

    private init(combining nodes: [Node]) { self.nodes = nodes }

    public static func == (a: Marker, b: Marker) -> Bool { a.description == b.description }
    public func hash(into h: inout Hasher) { h.combine(description) }
}
