import Foundation

/// A parsed JSON document that keeps the order of object members (PyPI's `releases` order is
/// meaningful, and Foundation's dictionaries lose it).
enum JSONValue {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }
    /// A string, or nil for null, non-strings and the empty string (PyPI uses "" for "none").
    var nonEmptyString: String? {
        guard let value = string, !value.isEmpty else { return nil }
        return value
    }
    var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }
    var array: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
    var object: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }
    /// The strings of an array, skipping anything else; empty for null.
    var strings: [String] { array?.compactMap(\.string) ?? [] }

    subscript(key: String) -> JSONValue? { object?[key] }
}

/// Members in document order; lookups are linear, which is fast for the small objects looked up.
struct JSONObject {
    var keys: [String]
    var values: [JSONValue]

    init(keys: [String] = [], values: [JSONValue] = []) {
        self.keys = keys
        self.values = values
    }

    subscript(key: String) -> JSONValue? {
        guard let position = keys.firstIndex(of: key) else { return nil }
        return values[position]
    }

    /// Key and value pairs in document order.
    var members: Zip2Sequence<[String], [JSONValue]> { zip(keys, values) }
    var count: Int { keys.count }
}

/// Why a body is not the JSON document expected.
struct JSONParseError: Error, CustomStringConvertible {
    var message: String
    var offset: Int
    var description: String { "invalid JSON (\(message) at byte \(offset))" }
}
