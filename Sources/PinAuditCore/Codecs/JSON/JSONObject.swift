/// A JSON object's members in document order. Lookups are linear, which is fast for the small
/// objects looked up; a key that appears twice is found at its first place.
public struct JSONObject: Sendable, ExpressibleByArrayLiteral {
    public var keys: [String]
    public var values: [JSONValue]

    /// An empty object.
    public init() {
        keys = []
        values = []
    }

    public init(keys: [String], values: [JSONValue]) {
        self.keys = keys
        self.values = values
    }

    /// An object of `pairs`, in their order.
    public init(_ pairs: [(String, JSONValue)]) {
        keys = pairs.map(\.0)
        values = pairs.map(\.1)
    }

    public init(arrayLiteral pairs: (String, JSONValue)...) { self.init(pairs) }

    public subscript(key: String) -> JSONValue? {
        guard let position = keys.firstIndex(of: key) else { return nil }
        return values[position]
    }

    /// Key and value pairs in document order.
    public var members: Zip2Sequence<[String], [JSONValue]> { zip(keys, values) }
    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Replaces the value of the member `key`, or adds the member at the end when there is none.
    public mutating func set(_ key: String, _ value: JSONValue) {
        if let position = keys.firstIndex(of: key) { values[position] = value } else { append(key, value) }
    }

    /// Adds a member at the end.
    public mutating func append(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
    }
}
