import Testing
@testable import PinAuditCore

/// The depth pre-scan that keeps deep TOML away from the recursive readers: exact enough to pass every
/// real file, never lower than what the readers recurse.
@Suite struct TOMLNestingCheckTests {
    static let lockfiles = ["uv.lock", "v2-uv.lock", "v1-poetry.lock", "v2-poetry.lock", "v3-poetry.lock",
                            "v40-pdm.lock", "v45-pdm.lock", "pylock.toml", "pylock.dev.toml", "broken-uv.lock"]

    @Test(arguments: lockfiles)
    func realLockfilesPass(_ name: String) throws {
        for text in try SourceFixtures.variants("lockfiles/" + name) {
            #expect(TOMLNestingCheck.firstExcess(in: text) == nil)
        }
    }

    @Test func countsArraysInlineTablesAndDottedNames() {
        let limit = 5
        #expect(TOMLNestingCheck.firstExcess(in: "a = [[[[[1]]]]]\n", maximumDepth: limit) == nil)
        #expect(TOMLNestingCheck.firstExcess(in: "\na = [[[[[[1]]]]]]\n", maximumDepth: limit) == 2)
        #expect(TOMLNestingCheck.firstExcess(in: "a = {b={c={d={e={}}}}}\n", maximumDepth: limit) == nil)
        #expect(TOMLNestingCheck.firstExcess(in: "a = {b={c={d={e={f={}}}}}}\n", maximumDepth: limit) == 1)
        #expect(TOMLNestingCheck.firstExcess(in: "x = 1\n[a.b.c.d]\n", maximumDepth: limit) == nil)
        #expect(TOMLNestingCheck.firstExcess(in: "x = 1\n[a.b.c.d.e.f]\n", maximumDepth: limit) == 2)
        #expect(TOMLNestingCheck.firstExcess(in: "a.b.c.d.e.f.g = 1\n", maximumDepth: limit) == 1)
        // Each element of an array starts its dotted count afresh.
        #expect(TOMLNestingCheck.firstExcess(in: "a = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]\n", maximumDepth: limit) == nil)
    }

    @Test func bracketsInStringsAndCommentsDoNotCount() {
        let limit = 3
        let texts = [
            "a = \"[[[[[[\"\n", "a = '[[[[[['\n", "# [[[[[[[[\n", "a = \"\\\"[[[[[[\"\n",
            "a = \"\"\"\n[[[[[[\n\"\"\"\n", "a = '''\n{{{{{{\n'''\n", "a = \"\"\"x\"\"\"\"\nb = 1\n",
        ]
        for text in texts { #expect(TOMLNestingCheck.firstExcess(in: text, maximumDepth: limit) == nil, "\(text)") }
        // After a multi-line string, counting resumes, with the lines inside it counted.
        #expect(TOMLNestingCheck.firstExcess(in: "a = \"\"\"\n[\n\"\"\"\nb = [[[[1]]]]\n", maximumDepth: limit) == 4)
    }

    /// toml++ asserts (and aborts the process) on a header whose first key starts with another
    /// character; found by fuzzing uv.lock (`[[:ackage]]`).
    @Test(arguments: [("[[:ackage]]\n", 1), ("[=]\n", 1), ("  [\t=]\n", 1), ("[a]\n[ = ]\n", 2), ("[[,]]\n", 1), ("[[#a]]\n", 1),
                      ("[\u{e9}]\n", 1), ("[", 1), ("x = 1\n[[", 2)])
    func aHeaderWithoutAKeyIsRefusedBeforeTOMLKit(_ text: String, line: Int) {
        let problem = TOMLNestingCheck.firstProblem(in: text)
        #expect(problem?.kind == .headerWithoutKey)
        #expect(problem?.line == line)
        guard case .failure(let error) = TOMLDocumentReader.document(text) else { Issue.record("read \(text)"); return }
        #expect(error.prescan == .headerWithoutKey)
        let reading = LockfileParser.parse(path: "uv.lock", text: text, kind: .uv)
        #expect(reading.findings.first?.message.contains("table header must start with a key") == true)
        #expect(throws: ConfigurationError.self) { try ConfigurationParser.parse(text, file: ".pinaudit.toml") }
    }

    /// toml++ asserts on a `}` where an array expects a value; found by fuzzing uv.lock.
    @Test(arguments: [("x = [}]\n", 1), ("a = 1\nx = [ 1, } ]\n", 2), ("x = [\n}\n]\n", 2), ("x = { a = ] }\n", 1),
                      ("dev = [\n    { name = \"pytest\" },\n},\n]\n", 3)])
    func aBracketClosedByTheOtherKindIsRefused(_ text: String, line: Int) {
        #expect(TOMLNestingCheck.firstProblem(in: text) == .init(kind: .mismatchedBracket, line: line))
        let reading = LockfileParser.parse(path: "uv.lock", text: text, kind: .uv)
        #expect(reading.findings.first?.location?.line == line)
        #expect(reading.findings.first?.message.contains("is not valid TOML at line \(line): a `[` is closed by `}`") == true)
    }

    /// toml++ asserts on U+0085 where an array expects a value; found by looking for more of the above.
    @Test(arguments: ["x = [\u{85}]\n", "x = [\u{2028}]\n", "x = 1\u{3000}\n", "\u{e9} = 1\n"])
    func aNonASCIICharacterOutsideStringsIsRefused(_ text: String) {
        #expect(TOMLNestingCheck.firstProblem(in: text)?.kind == .nonASCII)
        #expect(TOMLNestingCheck.firstProblem(in: "a = \"\u{85}\" # \u{2028}\nb = '\u{e9}'\nc = \"\"\"\n\u{85}\n\"\"\"\n") == nil)
    }

    /// toml++ asserts on a value that starts like a date but is not one; found by fuzzing pylock.toml.
    @Test(arguments: ["cre= { e = 2025-08-0C 1\t\t\tba\" }\nsiz", "x = 2025-8-04\n", "x = [1, 2025-08-4]\n", "x = 2025-08-04x\n"])
    func aValueThatStartsLikeADateButIsNotOneIsRefused(_ text: String) {
        #expect(TOMLNestingCheck.firstProblem(in: text)?.kind == .malformedDate, "\(text)")
    }

    /// toml++ asserts on a date followed by a blank and a digit that is not a time; found by fuzzing
    /// the configuration. Times are held to TOML's grammar as well.
    @Test(arguments: ["rule = [3094-08-08 4\nfreeze = 1\n", "x = 2025-08-08 4:00\n", "x = 07:3\n", "x = [07:32:0x]\n",
                      "x = 2025-08-08T07:32:0\n", "x = 2025-08-08T07:32:00+1\n", "x = 2025-08-08T07:32:00.Z\n",
                      "x = 2025-08-08 07:32:00Zz\n"])
    func aDateOrTimeOutsideTOMLsGrammarIsRefused(_ text: String) {
        #expect(TOMLNestingCheck.firstProblem(in: text)?.kind == .malformedDate, "\(text)")
    }

    @Test func datesAndOtherValuesThatStartWithDigitsPass() {
        let times = "t = 07:32:00\nu = 07:32:00.999\no = 1979-05-27T00:32:00.999999-07:00\na = [1979-05-27 , 1979-05-27 ]\n"
            + "z = 1979-05-27t07:32:00z # c\nl = {x = 1979-05-27 07:32:00}\n"
        #expect(TOMLNestingCheck.firstProblem(in: times) == nil)
        let valid = "d = 1979-05-27\nt = 1979-05-27T07:32:00Z\ns = 1979-05-27 07:32:00\nn = 1234\nf = 12.5e-3\nu = 1_000\n"
            + "k-2025-08-0C = 1\nq = \"2025-08-0C\"\n[t-2025-08-0C]\n"
        #expect(TOMLNestingCheck.firstProblem(in: valid) == nil)
    }

    /// toml++ asserts on a date-time whose time starts with no digit; found by fuzzing pylock.toml.
    @Test(arguments: ["x = 2025-08-04T-8:54:24Z\n", "x = [{ t = 2025-08-04t:1 }]\n", "x = 2025-08-04T+8\n", "x = 2025-08-04Tad-tim08:54:24Z\n", "x = 2025-08-04T"])
    func aDateTimeWithoutATimeDigitIsRefused(_ text: String) {
        #expect(TOMLNestingCheck.firstProblem(in: text)?.kind == .timeWithoutDigit)
        #expect(TOMLNestingCheck.firstProblem(in: "x = 2025-08-04T08:54:24Z\ny = \"2025-08-04T-8\"\n[a-12T-b]\nk-12T-x = 1\n") == nil)
    }

    @Test(arguments: ["[a]\n", "[[a]]\n", "[ \"a b\" ]\n", "[ 'a' ]\n", "[-]\n", "[_]\n", "[0]\n", "x = [\n:a, 1]\n", "x = \"\"\"\n[=]\n\"\"\"\n", "# [=]\n"])
    func validHeadersAndBracketsElsewhereAreNotRefused(_ text: String) {
        #expect(TOMLNestingCheck.firstProblem(in: text) == nil)
    }

    @Test func aDeepLockfileIsAParseErrorAtItsLine() {
        let text = "version = 1\n\n[[package]]\nname = \"a\"\nversion = \"1.0\"\nx = " + String(repeating: "[", count: 100_000) + "\n"
        for kind in [LockfileKind.uv, .poetry, .pdm, .pylock] {
            let reading = LockfileParser.parse(path: "deep/" + kind.fileName, text: text, kind: kind)
            #expect(reading.entries.isEmpty)
            #expect(reading.findings.count == 1)
            #expect(reading.findings.first?.rule == .parseError)
            #expect(reading.findings.first?.location?.line == 6)
            #expect(reading.findings.first?.message.contains("more than 100 levels deep at line 6") == true)
        }
    }

    @Test func theLimitItselfIsRead() {
        let depth = TOMLNestingCheck.maximumDepth
        let text = "version = 1\nx = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        #expect(TOMLNestingCheck.firstExcess(in: text) == nil)
        guard case .success = TOMLDocumentReader.document(text) else { Issue.record("100 levels are not read"); return }
        guard case .success = TOMLDocumentReader.document(text, scanner: false) else { Issue.record("TOMLKit does not read 100 levels"); return }
    }

    @Test func aDeepConfigurationIsAnErrorAtItsLine() {
        let text = "platforms = [\"linux\"]\nfreeze = " + String(repeating: "[", count: 50_000) + "\n"
        #expect(throws: ConfigurationError.self) { try ConfigurationParser.parse(text, file: ".pinaudit.toml") }
        do {
            _ = try ConfigurationParser.parse(text, file: ".pinaudit.toml")
        } catch {
            #expect("\(error)".contains(".pinaudit.toml:2"), "\(error)")
            #expect("\(error)".contains("more than 100 levels"), "\(error)")
        }
    }
}
