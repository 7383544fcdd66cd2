import Foundation

/// The values `${{ … }}` expressions of a step can read: `inputs.*`, `steps.<id>.outputs.*`, `env.*`,
/// `github.*` and `runner.*`. Anything else is an error, so a workflow cannot use an expression the
/// tests do not model and still pass.
struct WorkflowContext {
    var inputs: [String: String] = [:]
    var stepOutputs: [String: [String: String]] = [:]
    var env: [String: String] = [:]
    var github: [String: String] = [:]
    var runner: [String: String] = [:]

    /// `text` with every `${{ expression }}` replaced by its value.
    func substitute(_ text: String) throws -> String {
        var out = "", rest = Substring(text)
        while let open = rest.range(of: "${{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { throw WorkflowRunError("unclosed ${{ in \(text)") }
            out += rest[..<open.lowerBound]
            out += try value(of: rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// An `if:` condition: `always()`, `success()`, and `A == 'x'` / `A != 'x'` joined by `&&`.
    func holds(_ condition: String?, jobFailed: Bool) throws -> Bool {
        guard var text = condition?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return !jobFailed }
        if text.hasPrefix("${{") && text.hasSuffix("}}") { text = String(text.dropFirst(3).dropLast(2)).trimmingCharacters(in: .whitespaces) }
        if text == "always()" { return true }
        if jobFailed { return false }
        for clause in text.components(separatedBy: "&&") {
            let part = clause.trimmingCharacters(in: .whitespaces)
            if part == "success()" { continue }
            let negated = part.contains("!=")
            let sides = part.components(separatedBy: negated ? "!=" : "==").map { $0.trimmingCharacters(in: .whitespaces) }
            guard sides.count == 2 else { throw WorkflowRunError("the tests cannot evaluate the condition `\(text)`") }
            let equal = try operand(sides[0]) == operand(sides[1])
            if equal == negated { return false }
        }
        return true
    }

    private func operand(_ text: String) throws -> String {
        if text.hasPrefix("'") && text.hasSuffix("'") && text.count >= 2 { return String(text.dropFirst().dropLast()) }
        return try value(of: text)
    }

    private func value(of expression: String) throws -> String {
        let parts = expression.split(separator: ".", maxSplits: 3).map(String.init)
        switch (parts.first, parts.count) {
        case ("inputs", 2):
            guard let value = inputs[parts[1]] else { throw WorkflowRunError("no input \(parts[1]) in `\(expression)`") }
            return value
        case ("steps", 4) where parts[2] == "outputs": return stepOutputs[parts[1]]?[parts[3]] ?? ""
        case ("env", 2): return env[parts[1]] ?? ""
        case ("github", 2):
            guard let value = github[parts[1]] else { throw WorkflowRunError("the tests give no value for `\(expression)`") }
            return value
        case ("runner", 2):
            guard let value = runner[parts[1]] else { throw WorkflowRunError("the tests give no value for `\(expression)`") }
            return value
        default: throw WorkflowRunError("the tests cannot evaluate `${{ \(expression) }}`")
        }
    }
}
