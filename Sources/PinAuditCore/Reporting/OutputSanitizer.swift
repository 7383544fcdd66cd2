/// The one place where text pinaudit does not control is made safe for the output it lands in.
///
/// Reports carry a stranger's text: yank reasons, advisory ids and summaries, project names and
/// URLs from the index, and names, paths and lines from the files read (a pull request's
/// requirements file is a stranger's text too). Every formatter of reports and plans passes that
/// text through here, once, for its output kind:
///
/// - terminal and plain text: `terminal` (control and bidi characters shown as `\x1b`, `\u202e`);
/// - GitHub workflow commands: `gitHubMessage` and `gitHubProperty` (one line, GitHub's escaping);
/// - Markdown: `markdown`, `markdownCode`, `markdownLink` (`OutputSanitizer+Markdown.swift`);
/// - SARIF: `sarifText`, then `jsonDocument` over the whole document;
/// - JSON: `jsonDocument` over the whole document;
/// - links, in every format: `webLink` (only `https:` and `http:`).
public enum OutputSanitizer {
    // MARK: - Which characters are unsafe

    /// A character that changes what a terminal, a log or a renderer does rather than showing a
    /// glyph: C0 and C1 controls, DEL, the bidirectional controls (Unicode's Bidi_Control: U+061C,
    /// U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        case 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Characters that end a line somewhere: LF, VT, FF, CR, NEL, U+2028, U+2029.
    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// The readable stand-in for an unsafe character: `\x1b` for a control (one byte's worth),
    /// `\u202e` for the others.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        if scalar.value <= 0xFF { return "\\x" + (hex.count < 2 ? "0" : "") + hex }
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// True when `text` holds nothing `isUnsafe` would flag and no workflow-command marker (the
    /// common case, checked first).
    static func isClean(_ text: String) -> Bool {
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) || (scalar == ":" && previous == ":") || (scalar == "[" && previous == "#") { return false }
            previous = scalar
        }
        return true
    }

    // MARK: - GitHub's workflow-command markers

    /// U+2060 WORD JOINER: invisible; placed inside a marker it stops a reader from seeing it.
    static let wordJoiner: Unicode.Scalar = "\u{2060}"

    /// Appends `scalar`, with a word joiner before it when it would complete one of the markers
    /// by which GitHub's runner finds workflow commands in a log: `::` (a command when a line
    /// starts with it after spaces, as a wrapped line of the text report can) and `##[` (the
    /// older syntax, a command wherever it stands in a line).
    static func appendBreakingMarkers(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        if scalar == ":" && out.last == ":" {
            out.append(wordJoiner)
        } else if scalar == "[" && out.last == "#" && out.dropLast().last == "#" {
            out.append(wordJoiner)
        }
        out.append(scalar)
    }

    // MARK: - Terminal and plain text

    /// One line of text for a terminal or a log: line breaks and tabs become a space (CRLF one
    /// space), every other control and bidi character is shown as `\x..` or `\u....`, so index
    /// text can neither move the cursor, recolour, retitle, link nor reorder what is shown; and
    /// since the text also lands in CI logs, workflow-command markers are broken up.
    public static func terminal(_ text: String) -> String {
        if isClean(text) { return text }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            if scalar == "\n" && previous == "\r" { continue }
            if isLineBreak(scalar) || scalar == "\t" {
                out.append(" ")
            } else if isUnsafe(scalar) {
                out.append(contentsOf: visible(scalar).unicodeScalars)
            } else {
                appendBreakingMarkers(scalar, to: &out)
            }
        }
        return String(out)
    }

    /// Lines for a terminal (a message with a caret line under its source line): each line as
    /// `terminal`, the line feeds between them kept.
    public static func terminalLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { terminal(String($0)) }.joined(separator: "\n")
    }

    /// A line of a diff for a terminal: tabs and a final CR (a CRLF file's line end) stay as they
    /// are, so the diff still describes the file; every other unsafe character is shown, and
    /// workflow-command markers are broken up as in `terminal`.
    public static func terminalDiffLine(_ line: String) -> String {
        if isClean(line) { return line }
        let keepsCR = line.unicodeScalars.last == "\r"
        let body = keepsCR ? String(line.unicodeScalars.dropLast()) : line
        var out = String.UnicodeScalarView()
        for scalar in body.unicodeScalars {
            if scalar != "\t" && isUnsafe(scalar) { out.append(contentsOf: visible(scalar).unicodeScalars) } else { appendBreakingMarkers(scalar, to: &out) }
        }
        if keepsCR { out.append("\r") }
        return String(out)
    }

    // MARK: - GitHub workflow commands

    /// The message of a workflow command (`::error ...::MESSAGE`): `%`, CR and LF escaped as
    /// GitHub unescapes them (`%25`, `%0D`, `%0A`), so the command stays one line whatever the
    /// text holds; other control and bidi characters are shown and workflow-command markers
    /// broken up as in `terminal` (the runner finds `##[command]` anywhere in a line).
    public static func gitHubMessage(_ text: String) -> String { gitHubEscaped(text, isProperty: false) }

    /// A property value of a workflow command (`file=`, `title=`): the message escaping plus `:`
    /// and `,` (`%3A`, `%2C`), which would otherwise end the value.
    public static func gitHubProperty(_ text: String) -> String { gitHubEscaped(text, isProperty: true) }

    private static func gitHubEscaped(_ text: String, isProperty: Bool) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out.append(contentsOf: "%25".unicodeScalars)
            case "\r": out.append(contentsOf: "%0D".unicodeScalars)
            case "\n": out.append(contentsOf: "%0A".unicodeScalars)
            case ":" where isProperty: out.append(contentsOf: "%3A".unicodeScalars)
            case "," where isProperty: out.append(contentsOf: "%2C".unicodeScalars)
            case "\t": out.append(" ")
            default:
                if isUnsafe(scalar) { out.append(contentsOf: visible(scalar).unicodeScalars) } else { appendBreakingMarkers(scalar, to: &out) }
            }
        }
        return String(out)
    }

    // MARK: - Links

    /// `url` when it is an absolute `https:` or `http:` URL with a host and no control or bidi
    /// character; nil otherwise (`javascript:`, `data:`, `file:`, relative or blank), so no
    /// format offers a link that does something other than open a web page. (Spaces are left to
    /// each format: Markdown percent-encodes them.)
    public static func webLink(_ url: String?) -> String? {
        guard let url else { return nil }
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") { rest = lower.dropFirst(8) } else if lower.hasPrefix("http://") { rest = lower.dropFirst(7) } else { return nil }
        guard let first = rest.first, first != "/", first != "?", first != "#" else { return nil }
        guard !url.unicodeScalars.contains(where: isUnsafe) else { return nil }
        return url
    }

    // MARK: - SARIF and JSON

    /// A text of a SARIF result or notification: control and bidi characters shown as in
    /// `terminal`, line breaks kept (SARIF text may span lines; `jsonDocument` escapes them).
    public static func sarifText(_ text: String) -> String {
        if isClean(text) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" || !isUnsafe(scalar) { out.append(scalar) }
            else { out.append(contentsOf: visible(scalar).unicodeScalars) }
        }
        return String(out)
    }

    /// A rendered JSON document with every unsafe character that JSON lets through raw (DEL, C1
    /// controls, bidi controls, U+2028, U+2029) written as a `\uXXXX` escape, and the `[` of
    /// `##[` as `\u005b` (a workflow command anywhere in a CI log line): the same value for a
    /// JSON reader, and nothing a terminal, viewer or log would act on. Outside strings JSON is
    /// ASCII without `#`, so every such character is inside a string, where the escape is valid.
    public static func jsonDocument(_ rendered: String) -> String {
        var previous: (Unicode.Scalar, Unicode.Scalar) = (" ", " ")
        let needsEscapes = rendered.unicodeScalars.contains { scalar in
            defer { previous = (previous.1, scalar) }
            return (scalar.value >= 0x20 && isUnsafe(scalar)) || (scalar == "[" && previous == ("#", "#"))
        }
        guard needsEscapes else { return rendered }
        var out = String.UnicodeScalarView()
        for scalar in rendered.unicodeScalars {
            let escaped: Bool
            if scalar == "[" { escaped = out.last == "#" && out.dropLast().last == "#" }
            // C0 controls are escaped by every JSON writer already (they are not valid raw);
            // a line break between two keys is the document's own.
            else { escaped = scalar.value >= 0x20 && isUnsafe(scalar) }
            guard escaped else { out.append(scalar); continue }
            let hex = String(scalar.value, radix: 16)
            out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
        }
        return String(out)
    }
}
