/// Text an index could send to attack pinaudit's outputs, as `HostileIndexServer` serves it in an
/// escape-laden project: terminal escapes, workflow commands, Markdown and HTML injection, and
/// project URLs of schemes no link may carry. None of it may reach an output as raw control
/// characters, an extra workflow-command line or a `javascript:` link.
public enum HostileIndexText {
    /// Clears the screen and moves the cursor home (CSI).
    public static let ansiClearScreen = "\u{1B}[2J\u{1B}[H"
    /// Sets the terminal window title (OSC 0), ended by BEL.
    public static let oscWindowTitle = "\u{1B}]0;pwned\u{07}"
    /// A terminal hyperlink (OSC 8) to another site, ended by ST.
    public static let oscHyperlink = "\u{1B}]8;;http://attacker.invalid/\u{1B}\\click\u{1B}]8;;\u{1B}\\"
    public static let nul = "before\u{0}after"
    /// Backspaces that erase what was printed before them.
    public static let backspaces = "safe\u{8}\u{8}\u{8}\u{8}evil"
    /// RIGHT-TO-LEFT OVERRIDE: the rest of the line is shown reversed.
    public static let bidiOverride = "\u{202E}txt.exe"
    /// A newline followed by a GitHub workflow command, and the commands that would do harm.
    public static let workflowCommand = "reason\n::warning file=evil.py,line=1::injected\n::add-mask::secret\n::stop-commands::token"
    public static let carriageReturnCommand = "reason\r::error::injected"
    public static let javascriptURL = "javascript:alert(document.domain)"
    public static let rawHTML = "<img src=x onerror=alert(1)><script>alert(2)</script></details>"
    /// Mentions that would notify people and teams in an issue body.
    public static let mentions = "@octocat and @github/security please look"

    /// Every hostile string above, for tests that try each one.
    public static let all: [String] = [ansiClearScreen, oscWindowTitle, oscHyperlink, nul, backspaces, bidiOverride,
                                       workflowCommand, carriageReturnCommand, javascriptURL, rawHTML, mentions]

    /// All of them in one text (yank reasons, summaries).
    public static let combined = all.joined(separator: " | ")

    /// Project URLs of every scheme a Markdown link must not carry.
    public static let projectURLs: [String: String] = [
        "Homepage": javascriptURL,
        "Changelog": "JavaScript:alert(1)",
        "Source": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "Documentation": "https://docs.invalid/\u{1B}[2J)\n::warning::x",
        "Funding": "vbscript:msgbox(1)",
    ]

    /// Raw control characters (C0 except tab and newline, DEL, C1) and bidi controls, which no
    /// output may contain after pinaudit has made index text safe.
    public static func containsRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            let value = scalar.value
            if value == 0x09 || value == 0x0A { return false }
            return value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
        }
    }
}
