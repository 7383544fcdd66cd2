/// `ARG` and `ENV` values and Dockerfile variable substitution: `$VAR`, `${VAR}`, `${VAR:-default}`,
/// `${VAR-default}`, `${VAR:+alternative}`, `${VAR+alternative}`.
///
/// What substitution may produce is capped (`DockerfileExpansionBudget`): `ARG`s that repeat each
/// other double at every line, so 30 lines of 30 bytes would otherwise ask for gigabytes. A text whose
/// expansion would pass a cap stays as written, which readers treat as unknowable.
struct DockerfileVariables: Sendable {
    private(set) var values: [String: String] = [:]
    /// Shared by every copy of the Dockerfile's variables (globals and each stage's), so the total
    /// counts the whole file.
    let budget: DockerfileExpansionBudget

    init(budget: DockerfileExpansionBudget = DockerfileExpansionBudget()) { self.budget = budget }

    mutating func set(_ name: String, _ value: String?) { values[name] = value }
    subscript(name: String) -> String? { values[name] }

    /// The text with known variables substituted; unknown plain variables become empty, as Docker does,
    /// unless `keepUnknown` (then they stay as written, so callers can tell nothing was known).
    /// The text as written when its expansion would pass a cap of the budget.
    func expand(_ text: String, keepUnknown: Bool = false) -> String {
        guard text.contains("$") else { return text }
        guard !budget.isSpent else { return text }
        var output = ExpansionOutput(limit: min(budget.perValueLimit, budget.remaining))
        guard expand(Array(text), keepUnknown: keepUnknown, into: &output) else {
            budget.recordOverflow(produced: output.length, total: output.limit < budget.perValueLimit)
            return text
        }
        budget.spend(output.length)
        return output.text
    }

    /// What one expansion has produced so far, and when it must stop.
    private struct ExpansionOutput {
        let limit: Int
        var text = ""
        var length = 0

        /// False when the text would pass the limit.
        mutating func append<S: StringProtocol>(_ piece: S) -> Bool {
            length += piece.utf8.count
            guard length <= limit else { return false }
            text += piece
            return true
        }
    }

    /// False when the expansion passed the output's limit. A `${…}` ends at the first `}`, so the
    /// default word it expands holds no closed `${…}`: the recursion is one level deep at most.
    private func expand(_ chars: [Character], keepUnknown: Bool, into output: inout ExpansionOutput) -> Bool {
        // Where the next `}` is, found once per stretch (searching from every `${` was quadratic).
        var nextClose: Int? = -1
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1] == "$" {
                guard output.append("$") else { return false }
                i += 2; continue
            }
            guard c == "$", i + 1 < chars.count else {
                guard output.append(String(c)) else { return false }
                i += 1; continue
            }
            if chars[i + 1] == "{" {
                if let known = nextClose, known < i + 2 { nextClose = chars[(i + 2)...].firstIndex(of: "}") }
                if let close = nextClose {
                    let body = chars[(i + 2)..<close]
                    guard substitute(body, original: chars[i...close], keepUnknown: keepUnknown, into: &output)
                    else { return false }
                    i = close + 1
                    continue
                }
            }
            var j = i + 1
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
            guard j > i + 1 else {
                guard output.append(String(c)) else { return false }
                i += 1; continue
            }
            let name = String(chars[(i + 1)..<j])
            guard output.append(values[name] ?? (keepUnknown ? String(chars[i..<j]) : "")) else { return false }
            i = j
        }
        return true
    }

    private func substitute(_ body: ArraySlice<Character>, original: ArraySlice<Character>, keepUnknown: Bool,
                            into output: inout ExpansionOutput) -> Bool {
        let bodyText = String(body)
        for op in [":-", ":+", "-", "+"] {
            guard let range = bodyText.range(of: op) else { continue }
            let name = String(bodyText[..<range.lowerBound])
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            let value = values[name]
            let useWord: Bool
            switch op {
            case ":-": useWord = value?.isEmpty ?? true
            case "-": useWord = value == nil
            case ":+": useWord = !(value?.isEmpty ?? true)
            default: useWord = value != nil
            }
            if useWord {
                return expand(Array(bodyText[range.upperBound...]), keepUnknown: keepUnknown, into: &output)
            }
            return output.append(op.hasSuffix("-") ? value! : "")
        }
        return output.append(values[bodyText] ?? (keepUnknown ? String(original) : ""))
    }
}
