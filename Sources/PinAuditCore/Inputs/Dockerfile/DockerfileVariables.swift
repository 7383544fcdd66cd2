/// `ARG` and `ENV` values and Dockerfile variable substitution: `$VAR`, `${VAR}`, `${VAR:-default}`,
/// `${VAR-default}`, `${VAR:+alternative}`, `${VAR+alternative}`.
struct DockerfileVariables: Sendable {
    private(set) var values: [String: String] = [:]

    mutating func set(_ name: String, _ value: String?) { values[name] = value }
    subscript(name: String) -> String? { values[name] }

    /// The text with known variables substituted; unknown plain variables become empty, as Docker does,
    /// unless `keepUnknown` (then they stay as written, so callers can tell nothing was known).
    func expand(_ text: String, keepUnknown: Bool = false) -> String {
        var result = ""
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1] == "$" { result.append("$"); i += 2; continue }
            guard c == "$", i + 1 < chars.count else { result.append(c); i += 1; continue }
            if chars[i + 1] == "{", let close = chars[(i + 2)...].firstIndex(of: "}") {
                let body = String(chars[(i + 2)..<close])
                result += substitute(body, original: String(chars[i...close]), keepUnknown: keepUnknown)
                i = close + 1
                continue
            }
            var j = i + 1
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
            guard j > i + 1 else { result.append(c); i += 1; continue }
            let name = String(chars[(i + 1)..<j])
            result += values[name] ?? (keepUnknown ? String(chars[i..<j]) : "")
            i = j
        }
        return result
    }

    private func substitute(_ body: String, original: String, keepUnknown: Bool) -> String {
        for op in [":-", ":+", "-", "+"] {
            guard let range = body.range(of: op) else { continue }
            let name = String(body[..<range.lowerBound])
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            let word = expand(String(body[range.upperBound...]), keepUnknown: keepUnknown)
            let value = values[name]
            switch op {
            case ":-": return (value?.isEmpty ?? true) ? word : value!
            case "-": return value ?? word
            case ":+": return (value?.isEmpty ?? true) ? "" : word
            default: return value == nil ? "" : word
            }
        }
        return values[body] ?? (keepUnknown ? original : "")
    }
}
