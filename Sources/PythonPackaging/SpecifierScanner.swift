/// A hand-written equivalent of packaging's specifier pattern (`Specifier._specifier_regex_str`),
/// matched as a prefix at a position, as both `Specifier` (whole text) and the requirement
/// tokenizer (a prefix of the rest) use it.
struct SpecifierScanner {
    private let scalars: [Unicode.Scalar]
    private var index: Int
    private let limit: Int

    /// The operator and the end of the longest match starting at `start`, or nil.
    static func match(_ scalars: [Unicode.Scalar], from start: Int, limit: Int? = nil) -> (op: Specifier.Operator, end: Int)? {
        var scanner = SpecifierScanner(scalars: scalars, index: start, limit: limit ?? scalars.count)
        return scanner.scan()
    }

    private init(scalars: [Unicode.Scalar], index: Int, limit: Int) {
        self.scalars = scalars; self.index = index; self.limit = limit
    }

    private var current: Unicode.Scalar? { index < limit ? scalars[index] : nil }

    private func scalar(at offset: Int) -> Unicode.Scalar? { index + offset < limit ? scalars[index + offset] : nil }

    private var currentByte: UInt8? {
        guard let s = current, s.isASCII else { return nil }
        return UInt8(s.value)
    }

    private mutating func literal(_ text: String) -> Bool {
        var k = index
        for s in text.unicodeScalars {
            guard k < limit, scalars[k] == s else { return false }
            k += 1
        }
        index = k
        return true
    }

    private mutating func scan() -> (op: Specifier.Operator, end: Int)? {
        let start = index
        if literal("===") {
            while let s = current, PythonCharacterClass.isWhitespace(s) { index += 1 }
            while let s = current, !PythonCharacterClass.isWhitespace(s), s != ";", s != ")" { index += 1 }
            return (.arbitrary, index)
        }
        for (text, op) in [("==", Specifier.Operator.equal), ("!=", .notEqual)] where literal(text) {
            return body(minimumReleaseParts: 1, allowWildcardAndLocal: true) ? (op, index) : nil
        }
        if literal("~=") {
            return body(minimumReleaseParts: 2, allowWildcardAndLocal: false) ? (.compatible, index) : nil
        }
        for (text, op) in [("<=", Specifier.Operator.lessEqual), (">=", .greaterEqual), ("<", .less), (">", .greater)] {
            index = start
            if literal(text), body(minimumReleaseParts: 1, allowWildcardAndLocal: false) { return (op, index) }
        }
        return nil
    }

    private mutating func digits() -> Bool {
        let start = index
        while let b = currentByte, ASCII.isDigit(b) { index += 1 }
        return index > start
    }

    private mutating func separator() {
        if let b = currentByte, ASCII.isSeparator(b) { index += 1 }
    }

    /// One of `words` (lowercase ASCII) at the cursor, case-insensitively, first in order.
    private mutating func word(_ words: [String]) -> Bool {
        for word in words {
            var k = index
            var matches = true
            for w in word.utf8 {
                guard k < limit, scalars[k].isASCII, ASCII.lower(UInt8(scalars[k].value)) == w else {
                    matches = false
                    break
                }
                k += 1
            }
            if matches {
                index = k
                return true
            }
        }
        return false
    }

    private mutating func body(minimumReleaseParts: Int, allowWildcardAndLocal: Bool) -> Bool {
        while let s = current, PythonCharacterClass.isWhitespace(s) { index += 1 }
        if let b = currentByte, ASCII.lower(b) == UInt8(ascii: "v") { index += 1 }
        // An epoch is digits and "!" followed by the release's first digit; otherwise the regex backs off.
        let numberStart = index
        if digits(), current == "!", let next = scalar(at: 1), next.isASCII, ASCII.isDigit(UInt8(next.value)) {
            index += 1
        } else {
            index = numberStart
        }
        guard digits() else { return false }
        var parts = 1
        while current == ".", let next = scalar(at: 1), next.isASCII, ASCII.isDigit(UInt8(next.value)) {
            index += 1
            _ = digits()
            parts += 1
        }
        guard parts >= minimumReleaseParts else { return false }
        if allowWildcardAndLocal, current == ".", scalar(at: 1) == "*" {
            index += 2
            return true
        }
        optional { $0.separator(); guard $0.word(["alpha", "beta", "preview", "pre", "a", "b", "c", "rc"]) else { return false }; $0.separator(); _ = $0.digits(); return true }
        optional { scanner in
            if scanner.current == "-", let next = scanner.scalar(at: 1), next.isASCII, ASCII.isDigit(UInt8(next.value)) {
                scanner.index += 1
                return scanner.digits()
            }
            scanner.separator()
            guard scanner.word(["post", "rev", "r"]) else { return false }
            scanner.separator(); _ = scanner.digits(); return true
        }
        optional { $0.separator(); guard $0.word(["dev"]) else { return false }; $0.separator(); _ = $0.digits(); return true }
        if allowWildcardAndLocal {
            optional { scanner in
                guard scanner.current == "+" else { return false }
                scanner.index += 1
                guard scanner.alphanumerics() else { return false }
                while let b = scanner.currentByte, ASCII.isSeparator(b), let next = scanner.scalar(at: 1),
                      next.isASCII, ASCII.isAlphanumeric(UInt8(next.value)) {
                    scanner.index += 1
                    _ = scanner.alphanumerics()
                }
                return true
            }
        }
        return true
    }

    private mutating func alphanumerics() -> Bool {
        let start = index
        while let b = currentByte, ASCII.isAlphanumeric(b) { index += 1 }
        return index > start
    }

    /// Runs `part`; when it does not match, puts the cursor back.
    private mutating func optional(_ part: (inout SpecifierScanner) -> Bool) {
        let start = index
        if !part(&self) { index = start }
    }
}
