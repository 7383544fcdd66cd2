import TOMLKit

/// A TOML value as the lockfile readers need it: strings, other scalars kept as their text,
/// arrays, and tables that keep key order and the line of their header.
///
/// Produced by `LockTOMLScanner` (fast, for the subset lock tools write) or converted from a TOMLKit
/// document (any TOML), so one reader serves both.
indirect enum LockTOMLValue {
    case string(String)
    /// A number, boolean or date-time, as written.
    case scalar(String)
    case array([LockTOMLValue])
    case table(LockTOMLTable)

    var string: String? { if case .string(let s) = self { return s } else { return nil } }
    var table: LockTOMLTable? { if case .table(let t) = self { return t } else { return nil } }
    var array: [LockTOMLValue]? { if case .array(let a) = self { return a } else { return nil } }
    /// Strings as they are; numbers and other scalars as written.
    var text: String? {
        switch self {
        case .string(let s), .scalar(let s): return s
        default: return nil
        }
    }
}

/// A TOML table with its keys in document order and the 1-based line of its header (0 for inline
/// tables and the root).
final class LockTOMLTable {
    private(set) var entries: [(key: String, value: LockTOMLValue)] = []
    let line: Int

    init(line: Int = 0) { self.line = line }

    /// Where each key's entry is: a search of `entries` per key made a table of many keys quadratic.
    private var positions: [String: Int] = [:]

    subscript(key: String) -> LockTOMLValue? {
        positions[key].map { entries[$0].value }
    }

    var keys: [String] { entries.map(\.key) }

    /// False when the key is already set (TOML forbids redefining a key).
    @discardableResult
    func set(_ key: String, _ value: LockTOMLValue) -> Bool {
        if positions[key] != nil { return false }
        positions[key] = entries.count
        entries.append((key, value))
        return true
    }

    func replace(_ key: String, _ value: LockTOMLValue) {
        if let index = positions[key] { entries[index].value = value } else { set(key, value) }
    }

    /// Appends to the array at `key` in place (a copy per `[[name]]` header was quadratic); false
    /// when `key` holds something else. A missing key gets a one-element array.
    func append(_ element: LockTOMLValue, toArray key: String) -> Bool {
        guard let index = positions[key] else { return set(key, .array([element])) }
        guard case .array(var elements) = entries[index].value else { return false }
        entries[index].value = .scalar("")  // drops the entry's reference, so `elements` grows without a copy
        elements.append(element)
        entries[index].value = .array(elements)
        return true
    }

    func string(_ key: String) -> String? { self[key]?.string }
    func table(_ key: String) -> LockTOMLTable? { self[key]?.table }
    func text(_ key: String) -> String? { self[key]?.text }
    func bool(_ key: String) -> Bool? { self[key]?.text.flatMap { $0 == "true" ? true : $0 == "false" ? false : nil } }

    /// The strings of an array; a lone string counts as one.
    func strings(_ key: String) -> [String] {
        guard let value = self[key] else { return [] }
        if let s = value.string { return [s] }
        return value.array?.compactMap(\.string) ?? []
    }

    /// The tables of an array; a lone table counts as one.
    func tables(_ key: String) -> [LockTOMLTable] {
        guard let value = self[key] else { return [] }
        if let t = value.table { return [t] }
        return value.array?.compactMap(\.table) ?? []
    }
}

extension LockTOMLValue {
    /// A TOMLKit value in this model. Tables from TOMLKit have no lines; `lines` gives the header
    /// lines of the elements of top-level arrays of tables, in order, by array key.
    init(_ value: TOMLValueConvertible, headerLines: [Int] = []) {
        if let s = value.string {
            self = .string(s)
        } else if let table = value.table {
            self = .table(LockTOMLTable(table))
        } else if let array = value.array {
            self = .array(array.enumerated().map { index, element in
                if let table = element.table, index < headerLines.count { return .table(LockTOMLTable(table, line: headerLines[index])) }
                return LockTOMLValue(element)
            })
        } else if let b = value.bool {
            self = .scalar(b ? "true" : "false")
        } else if let i = value.int {
            self = .scalar(String(i))
        } else if let d = value.double {
            self = .scalar(String(d))
        } else {
            self = .scalar(value.debugDescription)
        }
    }
}

extension LockTOMLTable {
    /// A TOMLKit table in this model (the slow path, for TOML the scanner does not handle).
    convenience init(_ table: TOMLTable, line: Int = 0, arrayHeaderLines: [String: [Int]] = [:]) {
        self.init(line: line)
        for (key, value) in table {
            set(key, LockTOMLValue(value, headerLines: arrayHeaderLines[key] ?? []))
        }
    }
}
