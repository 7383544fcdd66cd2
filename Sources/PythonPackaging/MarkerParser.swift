/// Recursive descent over marker expressions, as packaging's `_parser` does it, including its
/// error messages and spans.
enum MarkerParser {
    /// How deep parentheses may nest. Parsing, printing and evaluating a marker recurse once per
    /// level, so a line of 100,000 `(` would overflow the stack; packaging itself stops near 300
    /// (Python's recursion limit). No real marker comes near this.
    static let maximumNesting = 100

    /// `marker = marker_atom (BOOLOP marker_atom)*`
    static func parseMarker(_ t: inout DependencyTokenizer, nesting: Int = 0) throws -> [Marker.Node] {
        var expression = [try parseAtom(&t, nesting: nesting)]
        while let op = t.take(.boolOp) {
            expression.append(op == "or" ? .or : .and)
            expression.append(try parseAtom(&t, nesting: nesting))
        }
        return expression
    }

    /// `marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?`
    private static func parseAtom(_ t: inout DependencyTokenizer, nesting: Int) throws -> Marker.Node {
        t.consume(.whitespace)
        let node: Marker.Node
        if t.peek(.leftParenthesis) != nil {
            let open = t.position
            guard nesting < maximumNesting else {
                throw t.error("Parentheses nest more than \(maximumNesting) deep in the marker expression", start: open)
            }
            t.consume(.leftParenthesis)
            t.consume(.whitespace)
            let inner = try parseMarker(&t, nesting: nesting + 1)
            t.consume(.whitespace)
            guard t.take(.rightParenthesis) != nil else {
                throw t.error("Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression", start: open)
            }
            node = .group(inner)
        } else {
            node = try parseItem(&t)
        }
        t.consume(.whitespace)
        return node
    }

    /// `marker_item = WS? marker_var WS? marker_op WS? marker_var WS?`
    private static func parseItem(_ t: inout DependencyTokenizer) throws -> Marker.Node {
        t.consume(.whitespace)
        let lhs = try parseOperand(&t)
        t.consume(.whitespace)
        let op = try parseOperator(&t)
        t.consume(.whitespace)
        let rhs = try parseOperand(&t)
        t.consume(.whitespace)
        return .comparison(lhs, op, rhs)
    }

    private static func parseOperand(_ t: inout DependencyTokenizer) throws -> Marker.Operand {
        if let name = t.take(.variable) {
            let normalized = name.replacingDots()
            if normalized == "python_implementation" { return .variable("platform_python_implementation") }
            return .variable(normalized)
        }
        let start = t.position
        if let end = t.peek(.quotedString) {
            switch PythonStringLiteral.evaluate(t.scalars[start..<end]) {
            case .value(let value):
                _ = t.take(.quotedString)
                return .value(value)
            case .rejected(let message):
                throw t.error(message, start: start, end: end)
            }
        }
        throw t.error("Expected a marker variable or quoted string")
    }

    private static func parseOperator(_ t: inout DependencyTokenizer) throws -> Marker.Operator {
        if t.take(.in) != nil { return .in }
        if t.take(.not) != nil {
            _ = try t.expect(.whitespace, expected: "whitespace after 'not'")
            _ = try t.expect(.in, expected: "'in' after 'not'")
            return .notIn
        }
        if let op = t.take(.op) { return Marker.Operator(rawValue: op)! }
        throw t.error("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in")
    }
}

private extension String {
    func replacingDots() -> String { String(map { $0 == "." ? "_" : $0 }) }
}
