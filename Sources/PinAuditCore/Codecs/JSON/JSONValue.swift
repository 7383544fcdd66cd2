/// A JSON document or part of one, the one JSON value of pinaudit: what `JSONParser` reads (the
/// index's documents, OSV's answers, the cache's records, Pipfile.lock) and what `JSONTextWriter`
/// renders (every JSON report format, SARIF, the cache, OSV's queries). Objects keep the order of
/// their members (PyPI's `releases` order is meaningful, and reports come out in a stable,
/// readable order).
public indirect enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// A number written as plain digits that fits an `Int`.
    case int(Int)
    /// Any other number, as its text (a score such as `7.5`); the text must be a JSON number.
    case decimal(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// An object of `pairs`, in their order.
    public static func object(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs)) }
    /// `s` as a string, or null.
    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    /// An array of strings.
    public static func strings(_ list: [String]) -> JSONValue { .array(list.map(JSONValue.string)) }
    /// A finite `Double` as the shortest text that reads back as the same value; null otherwise.
    public static func double(_ value: Double) -> JSONValue { value.isFinite ? .decimal(String(value)) : .null }

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }
    /// A string, or nil for null, non-strings and the empty string (PyPI uses "" for "none").
    public var nonEmptyString: String? {
        guard let value = string, !value.isEmpty else { return nil }
        return value
    }
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }
    /// An integer, or nil for anything else (a number with a fraction or an exponent included).
    public var int: Int? {
        if case .int(let value) = self { return value }
        return nil
    }
    /// Any number as a `Double`.
    public var number: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .decimal(let text): return Double(text)
        default: return nil
        }
    }
    public var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
    public var object: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
    /// The strings of an array, skipping anything else; empty for null.
    public var strings: [String] { array?.compactMap(\.string) ?? [] }

    /// The member `key` of an object; nil for a missing member or a value that is not an object.
    public subscript(key: String) -> JSONValue? { object?[key] }
}

extension JSONValue: Equatable {
    /// Equal when they render to the same text (`.int(1)` and `.decimal("1")` are equal).
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered(.compact) == b.rendered(.compact) }
}
