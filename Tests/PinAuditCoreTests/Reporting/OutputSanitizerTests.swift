import Foundation
import Testing
@testable import PinAuditCore
import TestSupport

/// `OutputSanitizer`, one output kind at a time: exact results for each kind of hostile text,
/// and ordinary text left exactly as it is.
@Suite struct OutputSanitizerTests {
    static let ordinary = ["flask 2.0.1 is yanked on the index (reason: broken cookie parsing): pin flask==2.0.3 instead.",
                           "requirements/dev file.txt", "Ünïcode ✓ naïve café 日本語 👩‍👩‍👧", "C:\\path\\to\\file", ""]

    @Test(arguments: ordinary)
    func ordinaryTextIsUnchangedForTheTerminal(text: String) {
        #expect(OutputSanitizer.terminal(text) == text)
        #expect(OutputSanitizer.sarifText(text) == text)
        #expect(OutputSanitizer.terminalDiffLine(text) == text)
    }

    @Test(arguments: [
        ("\u{1B}[2Jclear", "\\x1b[2Jclear"),
        ("\u{1B}]0;title\u{07}", "\\x1b]0;title\\x07"),
        ("\u{1B}]8;;http://x.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\", "\\x1b]8;;http://x.example/\\x1b\\link\\x1b]8;;\\x1b\\"),
        ("a\u{0}b\u{08}c\u{7F}d\u{9B}e", "a\\x00b\\x08c\\x7fd\\x9be"),
        ("\u{202E}gpj.exe\u{202C}", "\\u202egpj.exe\\u202c"),
        ("\u{2066}\u{2069}\u{200E}\u{200F}\u{061C}", "\\u2066\\u2069\\u200e\\u200f\\u061c"),
        ("one\ntwo\r\nthree\rfour\tfive\u{2028}six", "one two three four five six"),
    ])
    func terminalShowsControlsAndBidiReadably(input: String, expected: String) {
        #expect(OutputSanitizer.terminal(input) == expected)
        #expect(HostileText.rawControls(in: OutputSanitizer.terminal(input)).isEmpty)
    }

    /// `::` and `##[` are GitHub's workflow-command markers; text for terminals (and so CI logs)
    /// gets an invisible word joiner inside each.
    @Test func terminalBreaksWorkflowCommandMarkers() {
        let shown = OutputSanitizer.terminal("::add-mask::secret ##[warning]x")
        #expect(shown == ":\u{2060}:add-mask:\u{2060}:secret ##\u{2060}[warning]x")
        #expect(HostileText.workflowCommandLines(in: "    " + shown).isEmpty)
        #expect(OutputSanitizer.terminal("License :: OSI Approved").filter { $0 != "\u{2060}" } == "License :: OSI Approved")
    }

    @Test func terminalLinesKeepTheirLineFeeds() {
        #expect(OutputSanitizer.terminalLines("bad line\u{1B}[2J\n    ^") == "bad line\\x1b[2J\n    ^")
    }

    @Test func diffLinesKeepTabsAndTheCRLFLineEnd() {
        #expect(OutputSanitizer.terminalDiffLine("flask==2.0\t# pinned\r") == "flask==2.0\t# pinned\r")
        #expect(OutputSanitizer.terminalDiffLine("a\rb\u{1B}[2J\r") == "a\\x0db\\x1b[2J\r")
    }

    @Test func gitHubMessagesStayOneLine() {
        let message = OutputSanitizer.gitHubMessage("100% ok\r\n::warning::x\n##[add-mask]y\u{1B}[2J")
        #expect(message == "100%25 ok%0D%0A:\u{2060}:warning:\u{2060}:x%0A##\u{2060}[add-mask]y\\x1b[2J")
        #expect(!message.contains("\n") && !message.contains("\r"))
    }

    @Test func gitHubPropertiesAlsoEscapeColonAndComma() {
        #expect(OutputSanitizer.gitHubProperty("vulnerable: a,b\nc%") == "vulnerable%3A a%2Cb%0Ac%25")
        #expect(OutputSanitizer.gitHubProperty("pkg::mod.txt") == "pkg%3A%3Amod.txt")
        #expect(OutputSanitizer.gitHubProperty("##[x].txt") == "##\u{2060}[x].txt")
    }

    @Test(arguments: [
        ("https://docs.example/changes", true), ("HTTP://Docs.Example/", true), ("http://127.0.0.1:8080/x", true),
        ("https://docs.example/releases (latest)", true),
        ("javascript:alert(1)", false), ("JavaScript:alert(1)", false), (" javascript:alert(1)", false),
        ("data:text/html;base64,AA", false), ("file:///etc/passwd", false), ("vbscript:x", false),
        ("https:///path", false), ("https://", false), ("//evil.example/", false), ("/relative", false), ("", false),
        ("https://docs.example/\u{1B}]8;;x", false), ("https://docs.example/\u{202E}", false), ("https://a.example/\n", false),
    ])
    func onlyWebLinksAreLinks(url: String, isWeb: Bool) {
        #expect((OutputSanitizer.webLink(url) != nil) == isWeb)
    }

    @Test func markdownRendersIndexTextAsText() {
        let escaped = OutputSanitizer.markdown("<img src=x onerror=alert(1)> [a](javascript:b) @someone #12 a|b *c* &lt;")
        #expect(escaped == "\\<img src=x onerror=alert(1)\\> \\[a\\](javascript:b) @\u{2060}someone \\#\u{2060}12 a\\|b \\*c\\* &amp;lt;")
        #expect(HostileText.problems(in: escaped, markdown: true).isEmpty)
        #expect(OutputSanitizer.markdown("a\r\nb\nc\u{1B}[2J\u{202E}") == "a<br>b<br>c\\\\x1b\\[2J\\\\u202e")
        #expect(OutputSanitizer.markdown("##[warning]x") == "\\#\\#\\[warning\\]x")
    }

    @Test func markdownCodeSpansOnlyForPlainText() {
        #expect(OutputSanitizer.markdownCode("requirements.txt:3") == "`requirements.txt:3`")
        #expect(OutputSanitizer.markdownCode("a\u{1B}b") == "a\\\\x1bb")
        #expect(OutputSanitizer.markdownCode("a|b") == "a\\|b")
    }

    @Test func markdownLinksAreWebLinksOnly() {
        #expect(OutputSanitizer.markdownLink("changelog", "javascript:alert(1)") == "changelog")
        #expect(OutputSanitizer.markdownLink("x", "data:text/html,<b>") == "x")
        #expect(OutputSanitizer.markdownLink("@someone", "https://a.example/p (1)\"") == "[@\u{2060}someone](https://a.example/p%20%281%29%22)")
        #expect(OutputSanitizer.markdownLink("x", "https://a.example/é") == "[x](https://a.example/%C3%A9)")
    }

    /// JSON keeps the value (a reader decodes the same string) but holds no raw control, bidi
    /// character or `##[`.
    @Test func jsonDocumentsEscapeWhatJSONLetsThrough() throws {
        let value = "\u{7F}\u{9B}\u{202E}\u{2028}##[add-mask]x \u{1B}[2J"
        let rendered = OutputSanitizer.jsonDocument(JSONValue.object([("v", .string(value))]).rendered())
        #expect(rendered.contains("\\u007f\\u009b\\u202e\\u2028##\\u005badd-mask]x \\u001b[2J"))
        #expect(HostileText.problems(in: rendered).isEmpty)
        let decoded = try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: String]
        #expect(decoded?["v"] == value)
    }
}
