extension OutputSanitizer {
    /// Text for a Markdown table cell or list item, rendered as the text it is: Markdown and HTML
    /// metacharacters backslash-escaped (so no emphasis, link, image, autolink, HTML tag or
    /// entity), `|` escaped (the cell stays one cell), line breaks as `<br>`, control and bidi
    /// characters shown as in `terminal`, and mentions and issue references neutralised: a word
    /// joiner after `@` (or after `#` before a digit) keeps GitHub from reading `@someone`, which
    /// would notify them, or `#12`, which would mark issue 12 as mentioned.
    public static func markdown(_ text: String) -> String {
        var result = ""
        var previous: Unicode.Scalar?
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            defer { previous = scalar }
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "!", "{", "}":
                result.append("\\"); result.unicodeScalars.append(scalar)
            case "#":
                result += "\\#"
                if i + 1 < scalars.count, ("0"..."9").contains(scalars[i + 1]) { result.unicodeScalars.append(wordJoiner) }
            case "@":
                result += "@"
                result.unicodeScalars.append(wordJoiner)
            case "&": result += "&amp;"
            case "\n" where previous == "\r": continue
            case "\r", "\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": result += "<br>"
            case "\t": result += " "
            default:
                // `\x1b`: the backslash escaped too, so it shows as written.
                if isUnsafe(scalar) { result += "\\" + visible(scalar) } else { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    /// A code span when the text allows one (no backtick, pipe, line break, control or bidi
    /// character), else `markdown(text)`. GitHub links no mention inside a code span.
    public static func markdownCode(_ text: String) -> String {
        if text.isEmpty || text.unicodeScalars.contains(where: { $0 == "`" || $0 == "|" || isUnsafe($0) }) { return markdown(text) }
        return "`\(text)`"
    }

    /// `[text](url)` for a web link (see `webLink`), with the URL's spaces, parentheses, angle
    /// brackets, pipes, backslashes, quotes and non-ASCII bytes percent-encoded; just the text,
    /// escaped, when `url` is not a web link (`javascript:`, `data:`, ...).
    public static func markdownLink(_ text: String, _ url: String) -> String {
        guard let url = webLink(url) else { return markdown(text) }
        var encoded = ""
        for c in url.unicodeScalars {
            switch c {
            case " ": encoded += "%20"
            case "(": encoded += "%28"
            case ")": encoded += "%29"
            case "<": encoded += "%3C"
            case ">": encoded += "%3E"
            case "|": encoded += "%7C"
            case "\\": encoded += "%5C"
            case "\"": encoded += "%22"
            default:
                if c.isASCII { encoded.unicodeScalars.append(c) }
                else { for byte in String(c).utf8 { encoded += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true) } }
            }
        }
        return "[\(markdown(text))](\(encoded))"
    }
}
