/// Splits shell text (a RUN's shell form, a heredoc script) into simple commands of words,
/// each word with the line it starts on. Understands quotes, backslash escapes, comments, and the
/// separators `&&`, `||`, `;`, `|`, `&`, newlines and subshell parentheses; `$(...)` and backticks stay
/// inside their word. Not a shell: enough to find `pip install` and its arguments.
enum ShellCommandSplitter {
    struct Word: Hashable, Sendable {
        /// The word with quotes removed.
        var text: String
        var line: Int
        /// Whether any part of the word was quoted (a quoted `&&` is not an operator).
        var quoted: Bool
    }

    /// `characters[i]` was written on `lines[i]`.
    static func commands(_ characters: [Character], lines: [Int]) -> [[Word]] {
        var commands: [[Word]] = []
        var current: [Word] = []
        var word = ""
        var wordLine = 0
        var inWord = false
        var quoted = false
        var i = 0

        func finishWord() {
            if inWord { current.append(Word(text: word, line: wordLine, quoted: quoted)) }
            word = ""; inWord = false; quoted = false
        }
        func finishCommand() {
            finishWord()
            if !current.isEmpty { commands.append(current) }
            current = []
        }
        func start(_ index: Int) {
            if !inWord { inWord = true; wordLine = lines[index] }
        }

        while i < characters.count {
            let c = characters[i]
            switch c {
            case " ", "\t":
                finishWord()
            case "\n", ";", "&", "|", "(", ")":
                if c == "(" && inWord { word.append(c); break }
                finishCommand()
            case "#" where !inWord:
                while i < characters.count, characters[i] != "\n" { i += 1 }
                continue
            case "'":
                start(i); quoted = true
                i += 1
                while i < characters.count, characters[i] != "'" { word.append(characters[i]); i += 1 }
            case "\"":
                start(i); quoted = true
                i += 1
                while i < characters.count, characters[i] != "\"" {
                    if characters[i] == "\\", i + 1 < characters.count, "\"\\$`".contains(characters[i + 1]) { i += 1 }
                    word.append(characters[i]); i += 1
                }
            case "\\":
                start(i)
                if i + 1 < characters.count {
                    if characters[i + 1] != "\n" { word.append(characters[i + 1]) }
                    i += 1
                }
            case "$" where i + 1 < characters.count && characters[i + 1] == "(":
                // Keep a command substitution whole, inside the current word.
                start(i)
                var depth = 0
                while i < characters.count {
                    let d = characters[i]
                    word.append(d)
                    if d == "(" { depth += 1 } else if d == ")" { depth -= 1; if depth == 0 { break } }
                    i += 1
                }
            case "`":
                start(i)
                word.append(c); i += 1
                while i < characters.count, characters[i] != "`" { word.append(characters[i]); i += 1 }
                if i < characters.count { word.append("`") }
            default:
                start(i)
                word.append(c)
            }
            i += 1
        }
        finishCommand()
        return commands
    }
}
