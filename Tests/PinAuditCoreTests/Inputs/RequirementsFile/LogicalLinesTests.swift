import Testing
@testable import PinAuditCore

@Suite struct LogicalLinesTests {
    @Test(arguments: [
        ("a\nb", ["a", "b"]),
        ("a\r\nb\r\n", ["a", "b"]),
        ("a\rb", ["a", "b"]),
        ("a\u{0B}b\u{0C}c", ["a", "b", "c"]),
        ("a\u{2028}b\u{85}c", ["a", "b", "c"]),
        ("a\n\nb", ["a", "", "b"]),
        ("", []),
    ])
    func splitsLikePythonSplitlines(text: String, expected: [String]) {
        #expect(LogicalLines.splitLines(text).map(\.text) == expected)
    }

    @Test func joinsContinuationsKeepingTheFirstLineNumber() {
        let lines = LogicalLines.preprocess("# header\nfoo==1.0 \\\n    --hash=sha256:abc \\\n    --hash=sha256:def\nbar==2\n", environment: [:])
        #expect(lines == [
            .init(number: 2, text: "foo==1.0     --hash=sha256:abc     --hash=sha256:def"),
            .init(number: 5, text: "bar==2"),
        ])
    }

    @Test func aCommentEndsAContinuation() {
        let lines = LogicalLines.preprocess("foo==1 \\\n# note\nbar==2\n", environment: [:])
        #expect(lines.map(\.text) == ["foo==1", "bar==2"])
        #expect(lines.map(\.number) == [1, 3])
    }

    @Test func aFinalContinuationStillYieldsTheLine() {
        #expect(LogicalLines.preprocess("foo==1 \\", environment: [:]).map(\.text) == ["foo==1"])
    }

    @Test(arguments: [
        ("foo==1.0  # trailing", "foo==1.0"),
        ("foo#bar==1", "foo#bar==1"),
        ("https://x/y.whl#sha256=abc # c", "https://x/y.whl#sha256=abc"),
        ("   # only a comment", ""),
        ("foo==1\t#tab comment", "foo==1"),
    ])
    func removesCommentsAsPipDoes(line: String, expected: String) {
        #expect(LogicalLines.stripPythonWhitespace(LogicalLines.removeComment(line)) == expected)
    }

    @Test func expandsOnlyBracedUppercaseVariablesThatAreSet() {
        let env = ["TOKEN": "s3cret", "EMPTY": ""]
        #expect(LogicalLines.expandVariables("https://${TOKEN}@x/${EMPTY}/${lower}/$TOKEN/${MISSING}", environment: env)
                == "https://s3cret@x/${EMPTY}/${lower}/$TOKEN/${MISSING}")
    }

    @Test func expandsAroundUnclosedAndNestedBraces() {
        let env = ["A": "1", "B": "2"]
        #expect(LogicalLines.expandVariables("${${A}x${B}${", environment: env) == "${1x2${")
        #expect(LogicalLines.expandVariables("${${${A}", environment: env) == "${${1")
        #expect(LogicalLines.expandVariables("${A}${C${B}", environment: env) == "1${C2")
    }

    /// A search for `}` from every `${` made a line of 100,000 `${` quadratic.
    @Test func aLineOfUnclosedBracesIsExpandedInLinearTime() {
        let line = String(repeating: "${", count: 100_000) + "${A}"
        let elapsed = ContinuousClock().measure {
            #expect(LogicalLines.expandVariables(line, environment: ["A": "x"]) == String(repeating: "${", count: 100_000) + "x")
        }
        #expect(elapsed < .seconds(10))
    }

    @Test func stripsAUTF8ByteOrderMark() {
        let decoded = TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("foo==1\n".utf8))
        #expect(decoded.text == "foo==1\n")
        #expect(decoded.invalidLine == nil)
    }

    @Test func reportsTheLineOfInvalidUTF8() {
        let decoded = TextDecoding.decode(Array("a==1\nb==2\n".utf8) + [0xFF, 0x0A])
        #expect(decoded.invalidLine == 3)
    }

    @Test func decodesUTF16WithABOM() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array("x==1\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(TextDecoding.decode(bytes).text == "x==1\n")
    }
}

@Suite struct LineOptionsTests {
    @Test(arguments: [
        ("foo==1.0 --hash=sha256:aa", "foo==1.0", "--hash=sha256:aa"),
        ("-r other.txt", "", "-r other.txt"),
        ("foo ; python_version < \"3\" --hash sha256:aa", "foo ; python_version < \"3\"", "--hash sha256:aa"),
        ("foo\t--hash=sha256:aa", "foo\t--hash=sha256:aa", ""),
    ])
    func breaksArgumentsFromOptionsOnSpaces(line: String, args: String, options: String) {
        let (a, o) = LineOptions.breakArgsOptions(line)
        #expect(a == args)
        #expect(o == options)
    }

    @Test func parsesShortLongAbbreviatedAndGluedOptions() throws {
        let o = try LineOptions.parse(LineOptions.shellSplit("-rbase.txt --extra-index http://a/simple -i http://b/simple --pre --hash=sha256:aa --hash sha512:bb"))
        #expect(o.requirements == ["base.txt"])
        #expect(o.extraIndexURLs == ["http://a/simple"])
        #expect(o.indexURL == "http://b/simple")
        #expect(o.pre)
        #expect(o.hashes == ["sha256:aa", "sha512:bb"])
    }

    @Test(arguments: ["--no-such-option", "--hash=md5:aa", "--hash=nocolon", "--config-settings=novalue", "-r", "--use-feature=bogus", "--only-binary -x"])
    func rejectsWhatPipRejects(options: String) {
        #expect(throws: LineOptions.Problem.self) { try LineOptions.parse(LineOptions.shellSplit(options)) }
    }

    @Test func rejectsAmbiguousPrefixes() {
        #expect(throws: LineOptions.Problem.self) { try LineOptions.parse(["--no"]) }
    }

    @Test func shellSplitHandlesQuotes() throws {
        #expect(try LineOptions.shellSplit("--global-option='a b' \"c\\\"d\" e\\ f") == ["--global-option=a b", "c\"d", "e f"])
        #expect(throws: LineOptions.Problem.self) { try LineOptions.shellSplit("--hash='unclosed") }
    }
}
