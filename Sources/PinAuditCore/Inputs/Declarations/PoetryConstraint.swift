import Foundation

/// Poetry's version constraints in PEP 440 terms.
///
/// Poetry writes `^1.2.3` (up to the next change of the first non-zero part), `~1.2.3` (up to the
/// next minor), `1.2.*`, `*`, bare versions (exact), PEP 440 comparisons separated by commas or
/// blanks, and alternatives joined by `||`. Each alternative becomes one PEP 440 specifier text.
enum PoetryConstraint {
    /// The PEP 440 specifier of each alternative (`""` for any version), or nil when a part is not
    /// a constraint Poetry accepts.
    static func translate(_ text: String) -> [String]? {
        var alternatives: [String] = []
        for alternative in text.components(separatedBy: "||") {
            let trimmed = alternative.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed == "*" { alternatives.append(""); continue }
            var clauses: [String] = []
            for part in splitClauses(trimmed) {
                guard let translated = clause(part) else { return nil }
                clauses += translated
            }
            alternatives.append(clauses.joined(separator: ","))
        }
        return alternatives
    }

    /// `">= 1.2, < 2"` and `">=1.2 <2"` → `[">=1.2", "<2"]`: an operator may be followed by blanks.
    private static func splitClauses(_ text: String) -> [String] {
        var clauses: [String] = []
        var current = ""
        for piece in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
            let token = String(piece)
            if !current.isEmpty, current.allSatisfy({ "<>=!~^".contains($0) }) {
                current += token
            } else {
                if !current.isEmpty { clauses.append(current) }
                current = token
            }
        }
        if !current.isEmpty { clauses.append(current) }
        return clauses
    }

    private static func clause(_ text: String) -> [String]? {
        if text == "*" { return [] }
        for op in ["===", "==", "!=", "<=", ">=", "~=", "<", ">"] where text.hasPrefix(op) {
            let version = text.dropFirst(op.count).trimmingCharacters(in: .whitespaces)
            guard isVersionLike(version, wildcard: op == "==" || op == "!=") else { return nil }
            return [op + version]
        }
        if text.hasPrefix("^") { return caret(String(text.dropFirst()).trimmingCharacters(in: .whitespaces)) }
        if text.hasPrefix("~") { return tilde(String(text.dropFirst()).trimmingCharacters(in: .whitespaces)) }
        if text.hasPrefix("=") {
            let version = String(text.dropFirst()).trimmingCharacters(in: .whitespaces)
            return isVersionLike(version, wildcard: true) ? ["==" + version] : nil
        }
        guard isVersionLike(text, wildcard: true) else { return nil }
        if text.hasSuffix(".*") || text.contains("*") {
            let base = text.replacingOccurrences(of: ".*", with: "")
            return base == "*" || base.isEmpty ? [] : ["==" + base + ".*"]
        }
        return ["==" + text]
    }

    /// `^1.2.3` → `>=1.2.3,<2.0.0`; `^0.2.3` → `>=0.2.3,<0.3.0`; `^0.0.3` → `>=0.0.3,<0.0.4`; `^0` → `>=0,<1`.
    private static func caret(_ version: String) -> [String]? {
        guard let parts = release(version) else { return nil }
        // The first non-zero part changes; with all zeros, the last given part does.
        let position = parts.firstIndex { $0 != 0 } ?? (parts.count - 1)
        return [">=" + version, "<" + bumped(parts, at: position)]
    }

    /// `~1.2.3` → `>=1.2.3,<1.3.0`; `~1.2` → `>=1.2,<1.3`; `~1` → `>=1,<2`.
    private static func tilde(_ version: String) -> [String]? {
        guard let parts = release(version) else { return nil }
        return [">=" + version, "<" + bumped(parts, at: parts.count == 1 ? 0 : 1)]
    }

    /// The numeric release parts of a version (`1.2.3rc1` → [1, 2, 3]).
    private static func release(_ version: String) -> [Int]? {
        guard isVersionLike(version, wildcard: false) else { return nil }
        var parts: [Int] = []
        for piece in version.split(separator: ".") {
            let digits = piece.prefix { $0.isNumber }
            guard let number = Int(digits) else { break }
            parts.append(number)
            if digits.count < piece.count { break }
        }
        return parts.isEmpty ? nil : parts
    }

    /// The upper bound: part `position` plus one, later parts zero, as many parts as given.
    private static func bumped(_ parts: [Int], at position: Int) -> String {
        parts.enumerated().map { index, part in
            index < position ? String(part) : index == position ? String(part + 1) : "0"
        }.joined(separator: ".")
    }

    private static func isVersionLike(_ text: String, wildcard: Bool) -> Bool {
        guard let first = text.first, first.isNumber || first == "v" else { return false }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" || $0 == "+" || $0 == "!"
            || (wildcard && $0 == "*") }
    }

    /// A Python constraint (`python = "^3.8"`) as a PEP 508 marker on `python_version`, or nil.
    static func pythonMarker(_ text: String) -> String? {
        guard let alternatives = translate(text) else { return nil }
        let markers = alternatives.compactMap { specifier -> String? in
            let clauses = specifier.split(separator: ",").map { clause -> String in
                let op = clause.prefix { "<>=!~".contains($0) }
                return "python_version \(op) \"\(clause.dropFirst(op.count))\""
            }
            return clauses.isEmpty ? nil : clauses.joined(separator: " and ")
        }
        guard markers.count == alternatives.count, !markers.isEmpty else { return nil }
        return markers.count == 1 ? markers[0] : markers.map { "(\($0))" }.joined(separator: " or ")
    }
}
