import TOMLKit

/// Typed reads of the values lockfiles use, tolerant of the shape varying between format versions.
extension TOMLTable {
    func string(_ key: String) -> String? { self[key]?.string }
    func table(_ key: String) -> TOMLTable? { self[key]?.table }
    func array(_ key: String) -> TOMLArray? { self[key]?.array }
    func bool(_ key: String) -> Bool? { self[key]?.bool }

    /// A string, or an integer or float written as text (`version = 1`, `lock_version = "4.0"`).
    func versionText(_ key: String) -> String? {
        guard let value = self[key] else { return nil }
        if let s = value.string { return s }
        if let i = value.int { return String(i) }
        if let d = value.double { return String(d) }
        return nil
    }

    /// The strings of an array (other elements are skipped); a lone string counts as one.
    func strings(_ key: String) -> [String] {
        guard let value = self[key] else { return [] }
        if let s = value.string { return [s] }
        guard let array = value.array else { return [] }
        return array.compactMap { $0.string }
    }

    /// The tables of an array (other elements are skipped); a lone table counts as one.
    func tables(_ key: String) -> [TOMLTable] {
        guard let value = self[key] else { return [] }
        if let t = value.table { return [t] }
        guard let array = value.array else { return [] }
        return array.compactMap { $0.table }
    }
}

extension TOMLArray {
    /// The tables of this array, in order.
    var tableElements: [TOMLTable] { compactMap { $0.table } }
}
