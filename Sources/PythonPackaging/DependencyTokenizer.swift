/// The context-sensitive tokenizer behind marker and requirement parsing: packaging's
/// `Tokenizer` with its `DEFAULT_RULES`, each rule hand-written over Unicode scalars so that
/// positions are Python string indices.
struct DependencyTokenizer {
    enum Rule {
        case leftParenthesis, rightParenthesis, leftBracket, rightBracket, semicolon, comma, at
        case quotedString, op, boolOp, `in`, not, variable, specifier, url, identifier
        case versionPrefixTrail, versionLocalLabelTrail, whitespace, end
    }

    let source: String
    let scalars: [Unicode.Scalar]
    /// The source's bytes when it is all ASCII (bytes and scalars then share indices).
    private let asciiBytes: [UInt8]?
    private(set) var position = 0

    init(_ source: String) {
        self.source = source
        scalars = Array(source.unicodeScalars)
        asciiBytes = scalars.count == source.utf8.count ? Array(source.utf8) : nil
    }

    /// Where a token of `rule` starting at the cursor ends, or nil when there is none.
    func peek(_ rule: Rule) -> Int? {
        let p = position, n = scalars.count
        func single(_ s: Unicode.Scalar) -> Int? { p < n && scalars[p] == s ? p + 1 : nil }
        switch rule {
        case .leftParenthesis: return single("(")
        case .rightParenthesis: return single(")")
        case .leftBracket: return single("[")
        case .rightBracket: return single("]")
        case .semicolon: return single(";")
        case .comma: return single(",")
        case .at: return single("@")
        case .quotedString:
            guard p < n, scalars[p] == "'" || scalars[p] == "\"" else { return nil }
            var k = p + 1
            while k < n, scalars[k] != scalars[p] { k += 1 }
            return k < n ? k + 1 : nil
        case .op:
            for text in Self.operators {
                if let end = literal(text, at: p) { return end }
            }
            return nil
        case .boolOp: return word(Self.boolOps)
        case .in: return word(Self.inWord)
        case .not: return word(Self.notWord)
        case .variable: return word(Self.variables)
        case .specifier: return SpecifierScanner.match(scalars, from: p)?.end
        case .url:
            var k = p
            while k < n, scalars[k] != " ", scalars[k] != "\t" { k += 1 }
            return k > p ? k : nil
        case .identifier: return identifierEnd()
        case .versionPrefixTrail: return p + 1 < n && scalars[p] == "." && scalars[p + 1] == "*" ? p + 2 : nil
        case .versionLocalLabelTrail: return localLabelEnd()
        case .whitespace:
            var k = p
            while k < n, scalars[k] == " " || scalars[k] == "\t" { k += 1 }
            return k > p ? k : nil
        case .end:
            // Python's `$` also matches before a final newline.
            return p == n || (p == n - 1 && scalars[p] == "\n") ? p : nil
        }
    }

    private static let operators = ["===", "==", "~=", "!=", "<=", ">=", "<", ">"].map { Array($0.unicodeScalars) }
    private static let boolOps = ["or", "and"].map { Array($0.unicodeScalars) }
    private static let inWord = [Array("in".unicodeScalars)]
    private static let notWord = [Array("not".unicodeScalars)]

    /// The variable names the `VARIABLE` rule knows, longer alternatives first where one is a prefix.
    private static let variables: [[Unicode.Scalar]] = [
        "python_version", "python_full_version", "os_name", "os.name", "sys_platform", "sys.platform",
        "platform_release", "platform_system", "platform_version", "platform.version",
        "platform_machine", "platform.machine", "platform_python_implementation",
        "platform.python_implementation", "python_implementation", "implementation_name",
        "implementation_version", "extras", "extra", "dependency_groups",
    ].map { Array($0.unicodeScalars) }

    func isBoundary(_ k: Int) -> Bool {
        let before = k > 0 && PythonCharacterClass.isWordCharacter(scalars[k - 1])
        let after = k < scalars.count && PythonCharacterClass.isWordCharacter(scalars[k])
        return before != after
    }

    private func literal(_ text: [Unicode.Scalar], at start: Int) -> Int? {
        guard start + text.count <= scalars.count else { return nil }
        var k = start
        for s in text {
            guard k < scalars.count, scalars[k] == s else { return nil }
            k += 1
        }
        return k
    }

    /// `\b(alternatives)\b`.
    private func word(_ alternatives: [[Unicode.Scalar]]) -> Int? {
        guard isBoundary(position) else { return nil }
        for text in alternatives {
            if let end = literal(text, at: position), isBoundary(end) { return end }
        }
        return nil
    }

    /// `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`, backing off until the end is a word boundary.
    private func identifierEnd() -> Int? {
        func isNameByte(_ s: Unicode.Scalar) -> Bool {
            s.isASCII && (ASCII.isAlphanumeric(UInt8(s.value)) || ASCII.isSeparator(UInt8(s.value)))
        }
        let p = position
        guard p < scalars.count, scalars[p].isASCII, ASCII.isAlphanumeric(UInt8(scalars[p].value)), isBoundary(p) else {
            return nil
        }
        var end = p + 1
        while end < scalars.count, isNameByte(scalars[end]) { end += 1 }
        while end > p {
            if isBoundary(end) { return end }
            end -= 1
        }
        return nil
    }

    /// `\+[a-z0-9]+(?:[-_\.][a-z0-9]+)*`, lowercase only (the rule has no IGNORECASE).
    private func localLabelEnd() -> Int? {
        func isLabel(_ k: Int) -> Bool {
            k < scalars.count && scalars[k].isASCII
                && (ASCII.isDigit(UInt8(scalars[k].value)) || (scalars[k] >= "a" && scalars[k] <= "z"))
        }
        guard position < scalars.count, scalars[position] == "+", isLabel(position + 1) else { return nil }
        var k = position + 1
        while isLabel(k) { k += 1 }
        while k < scalars.count, scalars[k].isASCII, ASCII.isSeparator(UInt8(scalars[k].value)), isLabel(k + 1) {
            k += 1
            while isLabel(k) { k += 1 }
        }
        return k
    }

    /// The text of a token of `rule` at the cursor, which it then moves past; nil when there is none.
    mutating func take(_ rule: Rule) -> String? {
        guard let end = peek(rule) else { return nil }
        let text = self.text(position..<end)
        position = end
        return text
    }

    /// Moves past a token of `rule` when there is one.
    mutating func consume(_ rule: Rule) {
        if let end = peek(rule) { position = end }
    }

    /// The text of the token of `rule` at the cursor, or an "Expected ..." error.
    mutating func expect(_ rule: Rule, expected: String) throws -> String {
        guard let text = take(rule) else { throw error("Expected \(expected)") }
        return text
    }

    func text(_ range: Range<Int>) -> String {
        if let asciiBytes { return String(decoding: asciiBytes[range], as: UTF8.self) }
        return String(scalars: scalars[range])
    }

    /// A syntax error spanning `start..<end` (both default to the cursor), as packaging reports it.
    func error(_ message: String, start: Int? = nil, end: Int? = nil) -> PackagingParseError {
        PackagingParseError(text: source, message: message, column: end ?? position, underlineStart: start ?? position)
    }
}
