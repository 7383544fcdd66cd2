/// Why a marker cannot be evaluated in an environment.
public enum MarkerEvaluationError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The operator has no meaning for these values (packaging's `UndefinedComparison`).
    case undefinedComparison(lhs: String, op: String, rhs: String)
    /// The environment has no value for a variable the marker uses.
    case undefinedVariable(String)

    public var description: String {
        switch self {
        case .undefinedComparison(let lhs, let op, let rhs):
            "the marker compares '\(lhs)' \(op) '\(rhs)', which is undefined for values that are not versions"
        case .undefinedVariable(let name):
            "the marker uses '\(name)', which the environment does not define"
        }
    }
}

extension Marker {
    /// packaging's Marker.evaluate; `extra` defaults to "" as packaging does. With extras, true
    /// when true for any one of them. A comparison packaging would reject (undefined operator,
    /// unknown variable) counts as false here; `evaluateStrictly` throws instead.
    public func evaluate(_ env: MarkerEnvironment, extras: Set<String> = []) -> Bool {
        (try? evaluate(env, extras: extras, strict: false)) ?? false
    }

    /// Like `evaluate`, but throws where packaging raises.
    public func evaluateStrictly(_ env: MarkerEnvironment, extras: Set<String> = []) throws -> Bool {
        try evaluate(env, extras: extras, strict: true)
    }

    private func evaluate(_ env: MarkerEnvironment, extras: Set<String>, strict: Bool) throws -> Bool {
        var values = env.values
        values["extra"] = values["extra"].map { $0.isEmpty ? "" : PackageName.canonicalize($0) } ?? ""
        if let full = values["python_full_version"], full.hasSuffix("+") {
            values["python_full_version"] = full + "local"
        }
        guard !extras.isEmpty else { return try Self.evaluate(nodes, values, strict: strict) }
        for extra in extras.sorted() {
            values["extra"] = extra.isEmpty ? "" : PackageName.canonicalize(extra)
            if try Self.evaluate(nodes, values, strict: strict) { return true }
        }
        return false
    }

    /// Or-separated groups of and-ed results, every item evaluated (as packaging does).
    private static func evaluate(_ list: [Node], _ values: [String: String], strict: Bool) throws -> Bool {
        var groups: [Bool] = [true]
        for node in list {
            let result: Bool
            switch node {
            case .and: continue
            case .or:
                groups.append(true)
                continue
            case .group(let inner): result = try evaluate(inner, values, strict: strict)
            case .comparison(let lhs, let op, let rhs):
                do {
                    result = try compare(lhs, op, rhs, values)
                } catch where !strict {
                    result = false
                }
            }
            groups[groups.count - 1] = groups[groups.count - 1] && result
        }
        return groups.contains(true)
    }

    private static let versionVariables: Set<String> = [
        "implementation_version", "platform_release", "python_full_version", "python_version",
    ]

    private static func compare(_ lhs: Operand, _ op: Operator, _ rhs: Operand, _ values: [String: String]) throws -> Bool {
        let key: String, left: String, right: String
        if case .variable(let name) = lhs {
            key = name
            guard let value = values[name] else { throw MarkerEvaluationError.undefinedVariable(name) }
            left = value
            right = rhs.text
        } else {
            key = rhs.text
            guard let value = values[key] else { throw MarkerEvaluationError.undefinedVariable(key) }
            left = lhs.text
            right = value
        }
        if key == "extras" || key == "dependency_groups" {
            return try compareText(PackageName.canonicalize(left), op, PackageName.canonicalize(right))
        }
        if versionVariables.contains(key), let spec = try? Specifier(op.rawValue + right) {
            return spec.contains(text: left, prereleases: true)
        }
        return try compareText(left, op, right)
    }

    /// packaging's string operators: `<` and `>` are never true, `<=` and `>=` mean equality.
    private static func compareText(_ left: String, _ op: Operator, _ right: String) throws -> Bool {
        let l = Array(left.unicodeScalars), r = Array(right.unicodeScalars)
        switch op {
        case .in: return contains(r, l)
        case .notIn: return !contains(r, l)
        case .equal, .lessEqual, .greaterEqual: return l == r
        case .notEqual: return l != r
        case .less, .greater: return false
        case .compatible, .arbitrary:
            throw MarkerEvaluationError.undefinedComparison(lhs: left, op: op.rawValue, rhs: right)
        }
    }

    /// Python's `needle in haystack` over code points.
    private static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }
}
