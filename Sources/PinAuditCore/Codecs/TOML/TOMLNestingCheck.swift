/// A linear pre-scan of TOML text for how deep its values nest, run before any recursive reader
/// (`LockTOMLScanner`, TOMLKit's toml++) sees the text.
///
/// Both readers recurse once per nested array, inline table or dotted-key part; a 200 KB file of
/// `[[[[…` overflows the stack and kills the process with SIGSEGV. The scan follows TOML's lexical
/// rules (comments, the four string forms) and counts, at every point, open `[`/`{` plus the parts of
/// the dotted name being written (`[a.b.c]`, `a.b.c = 1`). It never counts less than a reader
/// recurses, so a text it passes cannot overflow either reader; it counts a float's `.` as one part,
/// which real files never come near the limit with.
public enum TOMLNestingCheck {
    /// The deepest nesting pinaudit reads. Lock tools and `pyproject.toml` stay under ten levels;
    /// the limit guards the readers' stack, so it is not configurable.
    public static let maximumDepth = 100

    /// The sentence for a file that nests too deep at `line`.
    public static func message(file: String, line: Int) -> String {
        "\(file) nests arrays, tables or dotted keys more than \(maximumDepth) levels deep at line \(line), which no tool writes; "
            + "pinaudit did not read it further. Regenerate the file with the tool that owns it, or check where it came from."
    }

    /// What the scan found that no reader may be handed, and its 1-based line.
    public struct Problem: Equatable, Sendable {
        public enum Kind: Sendable { case tooDeep, headerWithoutKey, mismatchedBracket, nonASCII, timeWithoutDigit, malformedDate }
        public var kind: Kind
        public var line: Int
    }

    /// The first problem of the text, nil when the readers may have it. Besides nesting, two shapes
    /// of invalid TOML on which toml++ asserts and aborts the process (both found by fuzzing): a table
    /// header whose first key does not start with a key character (`[=]`, `[:a]`, `[é]`), and a
    /// bracket closed by the other kind (`x = [ 1, } ]`), and a non-ASCII character outside strings
    /// and comments (`x = [U+0085]`), which TOML never allows there, and a date-time whose time does
    /// not start with a digit (`2025-08-04T-8:54:24Z`, found fuzzing pylock.toml).
    public static func firstProblem(in text: String, maximumDepth: Int = maximumDepth) -> Problem? {
        var scan = Scan(bytes: Array(text.utf8))
        return scan.run(maximumDepth: maximumDepth)
    }

    /// Where the text first nests deeper than `maximumDepth`: its 1-based line, nil when it never does.
    public static func firstExcess(in text: String, maximumDepth: Int = maximumDepth) -> Int? {
        guard let problem = firstProblem(in: text, maximumDepth: maximumDepth), problem.kind == .tooDeep else { return nil }
        return problem.line
    }

    /// What is wrong, for a problem other than `tooDeep`.
    public static func reason(_ kind: Problem.Kind) -> String {
        switch kind {
        case .tooDeep: "it nests more than \(maximumDepth) levels deep"
        case .headerWithoutKey: "a table header must start with a key (a letter, digit, `-`, `_` or a quote)"
        case .mismatchedBracket: "a `[` is closed by `}` or a `{` by `]`"
        case .nonASCII: "a character outside strings and comments is not ASCII"
        case .timeWithoutDigit: "the time of a date-time must start with a digit after its `T`"
        case .malformedDate: "a date or time must be written as TOML's `YYYY-MM-DD`, `HH:MM:SS` or `YYYY-MM-DDTHH:MM:SSZ`"
        }
    }

    /// The sentence for a file that is not valid TOML at `line` for the reason of `kind`.
    public static func invalidMessage(file: String, line: Int, kind: Problem.Kind) -> String {
        "\(file) is not valid TOML at line \(line): \(reason(kind)); pinaudit did not read it further. "
            + "Correct that line, or regenerate the file with the tool that owns it."
    }

    private struct Scan {
        let bytes: [UInt8]
        var position = 0
        var line = 1

        mutating func run(maximumDepth: Int) -> Problem? {
            var brackets = 0
            var dottedParts = 0
            var atLineStart = true
            // Which bracket each open level is (`[` or `{`); no deeper than `maximumDepth` + 1.
            var open: [UInt8] = []
            // Whether a value may be being written: after `=` on the line, or inside a value's brackets.
            var equalsOnLine = false
            var headerLine = false
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "["), brackets == 0, atLineStart {
                    guard headerStartsWithKey() else { return Problem(kind: .headerWithoutKey, line: line) }
                    headerLine = true
                }
                if byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t"), equalsOnLine || (brackets > 0 && !headerLine),
                   position >= 4, bytes[position - 4] == UInt8(ascii: "-"), isDigit(bytes[position - 3]), isDigit(bytes[position - 2]),
                   position >= bytes.count || !isDigit(bytes[position]) {
                    return Problem(kind: .timeWithoutDigit, line: line)
                }
                // A value that starts `dddd-` is a date and one that starts `dd:` a time: toml++ asserts
                // on one that strays from TOML's grammar (`2025-08-0C 1` in pylock.toml, `2025-08-08 4`
                // in a configuration, both found fuzzing), so anything but a well-formed one is refused.
                if isDigit(byte), equalsOnLine || (brackets > 0 && !headerLine), startsValue(at: position - 1),
                   looksLikeDateOrTime(at: position - 1), !isDateTime(at: position - 1) {
                    return Problem(kind: .malformedDate, line: line)
                }
                atLineStart = byte == UInt8(ascii: "\n") || (atLineStart && (byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")))
                switch byte {
                case UInt8(ascii: "\n"):
                    line += 1; dottedParts = 0
                    if brackets == 0 { equalsOnLine = false; headerLine = false }
                case UInt8(ascii: "#"):
                    while position < bytes.count, bytes[position] != UInt8(ascii: "\n") { position += 1 }
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    skipString(quote: byte)
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    brackets += 1; dottedParts = 0
                    open.append(byte)
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    brackets = max(0, brackets - 1); dottedParts = 0
                    if let opener = open.popLast(), (opener == UInt8(ascii: "[")) != (byte == UInt8(ascii: "]")) {
                        return Problem(kind: .mismatchedBracket, line: line)
                    }
                case UInt8(ascii: "="), UInt8(ascii: ","):
                    dottedParts = 0
                    if byte == UInt8(ascii: "=") { equalsOnLine = true }
                case UInt8(ascii: "."):
                    dottedParts += 1
                case 0x80...:
                    return Problem(kind: .nonASCII, line: line)
                default:
                    break
                }
                if brackets + dottedParts > maximumDepth { return Problem(kind: .tooDeep, line: line) }
            }
            return nil
        }

        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

        /// Whether the byte at `index` starts a value: the line's start or a blank, `=`, `,`, `[` or `{` before it.
        func startsValue(at index: Int) -> Bool {
            guard index > 0 else { return true }
            return [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "="), UInt8(ascii: ","), UInt8(ascii: "["),
                    UInt8(ascii: "{"), UInt8(ascii: "\n")].contains(bytes[index - 1])
        }

        /// Whether the value at `index` is shaped like a date (`dddd-`) or a time (`dd:`).
        func looksLikeDateOrTime(at index: Int) -> Bool {
            func digits(_ range: Range<Int>) -> Bool { range.upperBound <= bytes.count && range.allSatisfy { isDigit(bytes[$0]) } }
            if digits(index..<index + 4), index + 4 < bytes.count, bytes[index + 4] == UInt8(ascii: "-") { return true }
            return digits(index..<index + 2) && index + 2 < bytes.count && bytes[index + 2] == UInt8(ascii: ":")
        }

        /// A TOML date-time, local date or local time at `index`, ended by a delimiter: `dddd-dd-dd`,
        /// then optionally a `T`, `t` or blank and `dd:dd[:dd[.d+]]` and an offset (`Z`, `±dd:dd`);
        /// or a time alone.
        func isDateTime(at index: Int) -> Bool {
            var cursor = index
            func take(_ byte: UInt8) -> Bool {
                guard cursor < bytes.count, bytes[cursor] == byte else { return false }
                cursor += 1
                return true
            }
            func takeDigits(_ count: Int) -> Bool {
                for _ in 0..<count { guard cursor < bytes.count, isDigit(bytes[cursor]) else { return false }; cursor += 1 }
                return true
            }
            func takeTime() -> Bool {
                guard takeDigits(2), take(UInt8(ascii: ":")), takeDigits(2) else { return false }
                if take(UInt8(ascii: ":")) {
                    guard takeDigits(2) else { return false }
                    if take(UInt8(ascii: ".")) {
                        guard takeDigits(1) else { return false }
                        while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
                    }
                }
                return true
            }
            let isDate = cursor + 4 < bytes.count && bytes[cursor + 4] == UInt8(ascii: "-")
            if isDate {
                guard takeDigits(4), take(UInt8(ascii: "-")), takeDigits(2), take(UInt8(ascii: "-")), takeDigits(2) else { return false }
                let separator = cursor < bytes.count ? bytes[cursor] : 0
                let timeFollows = separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t")
                    || (separator == UInt8(ascii: " ") && cursor + 1 < bytes.count && isDigit(bytes[cursor + 1]))
                if timeFollows {
                    cursor += 1
                    // No digit after the `T`: the `timeWithoutDigit` check names that.
                    guard cursor < bytes.count, isDigit(bytes[cursor]) else { return true }
                    guard takeTime() else { return false }
                    if !take(UInt8(ascii: "Z")), !take(UInt8(ascii: "z")), take(UInt8(ascii: "+")) || take(UInt8(ascii: "-")) {
                        guard takeDigits(2), take(UInt8(ascii: ":")), takeDigits(2) else { return false }
                    }
                }
            } else {
                guard takeTime() else { return false }
            }
            guard cursor < bytes.count else { return true }
            return [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ","), UInt8(ascii: "]"),
                    UInt8(ascii: "}"), UInt8(ascii: "#")].contains(bytes[cursor])
        }

        /// Whether the header whose first `[` was just read starts with a bare key byte, a quote or
        /// its closing `]` (an empty name, which toml++ reports itself).
        func headerStartsWithKey() -> Bool {
            var next = position
            if next < bytes.count, bytes[next] == UInt8(ascii: "[") { next += 1 }
            while next < bytes.count, bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\t") { next += 1 }
            guard next < bytes.count else { return false }
            let byte = bytes[next]
            return (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
                || byte == UInt8(ascii: "]")
        }

        /// Past a string whose opening quote was just read: single-line or (`"""`, `'''`) multi-line,
        /// with backslash escapes in the basic forms. An unterminated string ends at the text's end.
        mutating func skipString(quote: UInt8) {
            let escapes = quote == UInt8(ascii: "\"")
            let multiline = position + 1 < bytes.count && bytes[position] == quote && bytes[position + 1] == quote
            if multiline {
                position += 2
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    if escapes && byte == UInt8(ascii: "\\") {
                        position += 1
                        if position < bytes.count, bytes[position] == UInt8(ascii: "\n") { line += 1 }
                        position += 1
                        continue
                    }
                    if byte == quote, position + 2 < bytes.count, bytes[position + 1] == quote, bytes[position + 2] == quote {
                        position += 3
                        // Up to two more quotes belong to the content (`""""` ends with one in it).
                        for _ in 0..<2 where position < bytes.count && bytes[position] == quote { position += 1 }
                        return
                    }
                    position += 1
                }
                return
            }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\n") { return }  // an unterminated string; the reader reports it
                position += 1
                if byte == quote { return }
                if escapes && byte == UInt8(ascii: "\\") && position < bytes.count && bytes[position] != UInt8(ascii: "\n") { position += 1 }
            }
        }
    }
}
