/// Text a hostile index or a stranger's file could hold, and the checks that no output lets it
/// act: on a terminal, in a GitHub workflow log, or rendered as Markdown. The checks are written
/// independently of `OutputSanitizer`, so they test it rather than repeat it.
public enum HostileText {
    /// Clears the screen, moves the cursor home, turns the text red.
    public static let csi = "\u{1B}[2J\u{1B}[H\u{1B}[31mred"
    /// OSC 0 and OSC 2: set the window title (one ended by BEL, one by ST).
    public static let oscTitle = "\u{1B}]0;pwned-title\u{07}\u{1B}]2;owned-title\u{1B}\\"
    /// OSC 8: a terminal hyperlink to a page the reader never sees.
    public static let osc8 = "\u{1B}]8;;http://evil.example/osc8\u{1B}\\click me\u{1B}]8;;\u{1B}\\"
    /// NUL, then backspaces that would rub out what came before, and a C1 CSI (U+009B).
    public static let nulBackspace = "safe\u{0}\u{08}\u{08}\u{08}\u{08}evil\u{9B}2J\u{7F}"
    /// Bidirectional overrides and isolates (Trojan Source), a line separator.
    public static let bidi = "\u{202E}gpj.exe\u{202C} \u{2066}\u{2067}\u{2068}\u{2069}\u{200E}\u{200F}\u{061C}\u{2028}\u{2029}"
    /// Line breaks followed by workflow commands, and the older `##[` syntax.
    public static let workflowCommands = "ok\r\n::warning::injected-warning\n::add-mask::secret\r::stop-commands::tok\n##[error]legacy-error"
    /// Raw HTML, a Markdown link, an image and a mention.
    public static let markup = "<img src=x onerror=alert(1)> [click](javascript:alert('text')) ![i](data:image/png;base64,AA) @someone #1 *bold* `code` | cell"

    /// Every hostile piece in one string: what a hostile yank reason or advisory summary says.
    public static let all = [csi, oscTitle, osc8, nulBackspace, bidi, workflowCommands, markup].joined(separator: " ")

    /// Link targets a hostile index serves as project URLs or advisory links. Neither string
    /// occurs in `all`, so an output that holds one passed a link on.
    public static let javascriptURL = "javascript:alert('link')"
    public static let dataURL = "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="

    // MARK: - Checks

    /// Characters no output may hold raw: C0 controls except LF, DEL, C1 controls, the bidi
    /// controls and the line and paragraph separators.
    public static func rawControls(in output: String) -> [String] {
        output.unicodeScalars.filter { scalar in
            switch scalar.value {
            case 0x0A: return false
            case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
            default: return false
            }
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// Lines GitHub's runner would take as workflow commands: a line that starts with `::` after
    /// leading spaces, or holds `##[` anywhere. `allowed` says which of them are pinaudit's own
    /// (its annotations in `--format github`).
    public static func workflowCommandLines(in output: String, allowed: (Substring) -> Bool = { _ in false }) -> [String] {
        output.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return (trimmed.hasPrefix("::") && !allowed(line)) || line.contains("##[")
        }.map(String.init)
    }

    /// pinaudit's own annotations: `::error `, `::warning ` or `::notice ` with properties, then
    /// `::` and the message, whose `::` markers are broken up.
    public static func isAnnotation(_ line: Substring) -> Bool {
        guard let kind = ["::error ", "::warning ", "::notice "].first(where: { line.hasPrefix($0) }) else { return false }
        let rest = line.dropFirst(kind.count)
        guard let separator = rest.range(of: "::") else { return false }
        return !rest[separator.upperBound...].contains("::")
    }

    /// Destinations of Markdown links and images (`](target)` with an unescaped `]`) and of
    /// autolinks (`<scheme:...>` with an unescaped `<`).
    public static func markdownLinkTargets(in markdown: String) -> [String] {
        let chars = Array(markdown)
        var targets: [String] = []
        var i = 0
        while i < chars.count {
            let escaped = i > 0 && chars[i - 1] == "\\" && !(i > 1 && chars[i - 2] == "\\")
            if !escaped && chars[i] == "]" && i + 1 < chars.count && chars[i + 1] == "(" {
                let end = chars[(i + 2)...].firstIndex(of: ")") ?? chars.count
                targets.append(String(chars[(i + 2)..<end]))
            } else if !escaped && chars[i] == "<", let end = chars[(i + 1)...].firstIndex(of: ">") {
                let inside = String(chars[(i + 1)..<end])
                if inside.contains(":") && !inside.contains(" ") { targets.append(inside) }
            }
            i += 1
        }
        return targets
    }

    /// Raw HTML tags in Markdown (an unescaped `<` followed by a letter, `/` or `!`), other than
    /// the ones pinaudit writes itself: `<br>`, the step anchors and the fingerprint comment.
    public static func rawHTMLTags(in markdown: String) -> [String] {
        let chars = Array(markdown)
        var tags: [String] = []
        for i in chars.indices where chars[i] == "<" && !(i > 0 && chars[i - 1] == "\\") {
            guard i + 1 < chars.count, chars[i + 1].isLetter || chars[i + 1] == "/" || chars[i + 1] == "!" else { continue }
            let end = chars[i...].firstIndex(of: ">") ?? chars.count - 1
            let tag = String(chars[i...end])
            let own = tag == "<br>" || tag == "</a>" || tag.hasPrefix("<a id=\"step-") || tag.hasPrefix("<!-- pinaudit-plan-fingerprint: ")
            if !own { tags.append(tag) }
        }
        return tags
    }

    /// `@name` that GitHub would turn into a mention (and a notification).
    public static func liveMentions(in markdown: String) -> [String] {
        let chars = Array(markdown)
        return chars.indices.compactMap { i in
            guard chars[i] == "@", i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isLetter || chars[i + 1].isNumber else { return nil }
            return String(chars[i..<min(chars.count, i + 12)])
        }
    }

    /// Everything wrong with `output`, for an `#expect(... .isEmpty)` that shows it all.
    public static func problems(in output: String, markdown: Bool = false, annotations: Bool = false) -> [String] {
        var found = rawControls(in: output).map { "raw control \($0)" }
        found += workflowCommandLines(in: output, allowed: annotations ? isAnnotation : { _ in false }).map { "workflow command: \($0)" }
        for url in [javascriptURL, dataURL] where output.contains(url) { found.append("link passed on: \(url)") }
        if markdown {
            found += markdownLinkTargets(in: output).filter { !$0.hasPrefix("https://") && !$0.hasPrefix("http://") && !$0.hasPrefix("#") }
                .map { "markdown link: \($0)" }
            found += rawHTMLTags(in: output).map { "raw HTML: \($0)" }
            found += liveMentions(in: output).map { "mention: \($0)" }
        }
        return found
    }
}
