import Foundation

/// Splits a Dockerfile's text into instructions: parser directives, comments, line continuations
/// (with the `# escape=` character), here-documents, JSON (exec) form, CRLF line endings.
struct DockerfileLexer {
    struct Output {
        var instructions: [DockerfileInstruction] = []
        /// Parser directives (`syntax`, `escape`, `check`), lower-cased names.
        var directives: [String: String] = [:]
        /// Lines that could not be read as an instruction: (line, message).
        var problems: [(line: Int, message: String)] = []
    }

    static let heredocKeywords: Set<String> = ["RUN", "COPY", "ADD"]

    static func lex(_ text: String) -> Output {
        var output = Output()
        let normalized = text.utf8.contains(UInt8(ascii: "\r"))
            ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var escape: Character = "\\"
        var index = 0

        // Parser directives: `# name=value` lines at the very top, before any other line.
        while index < lines.count, let (name, value) = directive(lines[index]), output.directives[name] == nil {
            output.directives[name] = value
            if name == "escape", let c = value.first, value.count == 1, c == "`" || c == "\\" { escape = c }
            index += 1
        }

        while index < lines.count {
            let startLine = index + 1
            let first = lines[index].drop { $0 == " " || $0 == "\t" }
            index += 1
            if first.isEmpty || first.hasPrefix("#") { continue }

            var arguments = ""
            // Kept alongside: `arguments.count` walks the whole string, which made long continuations quadratic.
            var argumentsLength = 0
            var argumentLines: [DockerfileInstruction.ArgumentLine] = []
            var segment = String(first)
            var segmentLine = startLine
            var endLine = startLine
            while true {
                let (content, continues) = stripContinuation(segment, escape: escape)
                argumentLines.append(.init(offset: argumentsLength, line: segmentLine))
                arguments += content
                argumentsLength += content.count
                guard continues else { break }
                // Comment and empty lines inside a continued instruction are dropped, as BuildKit does.
                while index < lines.count, lines[index].allSatisfy(Self.isBlank)
                        || lines[index].drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("#") {
                    index += 1
                }
                guard index < lines.count else { break }
                arguments += " "
                argumentsLength += 1
                segment = lines[index]; segmentLine = index + 1; endLine = index + 1
                index += 1
            }

            let keywordEnd = arguments.firstIndex { $0 == " " || $0 == "\t" } ?? arguments.endIndex
            let keyword = arguments[..<keywordEnd].uppercased()
            var remainder = arguments[keywordEnd...]
            var restOffset = arguments.distance(from: arguments.startIndex, to: keywordEnd)
            let leading = remainder.prefix { $0 == " " || $0 == "\t" }.count
            remainder.removeFirst(leading); restOffset += leading
            guard keyword.allSatisfy({ $0.isLetter }) else {
                output.problems.append((startLine, "\"\(arguments.prefix(40))\" is not a Dockerfile instruction"))
                continue
            }

            var flags: [String] = []
            if ["FROM", "RUN", "COPY", "ADD"].contains(keyword) {
                while remainder.hasPrefix("--") {
                    let end = remainder.firstIndex { $0 == " " || $0 == "\t" } ?? remainder.endIndex
                    flags.append(String(remainder[..<end]))
                    var consumed = remainder.distance(from: remainder.startIndex, to: end)
                    remainder = remainder[end...]
                    let blanks = remainder.prefix { $0 == " " || $0 == "\t" }.count
                    remainder.removeFirst(blanks); consumed += blanks
                    restOffset += consumed
                }
            }
            let rest = String(remainder)
            let shifted = argumentLines.map {
                DockerfileInstruction.ArgumentLine(offset: max(0, $0.offset - restOffset), line: $0.line)
            }

            var heredocs: [DockerfileHeredoc] = []
            if heredocKeywords.contains(keyword) {
                for marker in heredocMarkers(in: rest) {
                    var body: [DockerfileHeredoc.BodyLine] = []
                    while index < lines.count {
                        let raw = lines[index]
                        index += 1; endLine = index
                        let compared = marker.stripsTabs ? String(raw.drop { $0 == "\t" }) : raw
                        if compared == marker.delimiter { break }
                        body.append(.init(text: marker.stripsTabs ? compared : raw, line: index))
                    }
                    heredocs.append(DockerfileHeredoc(delimiter: marker.delimiter, stripsTabs: marker.stripsTabs,
                                                      isQuoted: marker.isQuoted, lines: body))
                }
            }

            var execForm: [String]?
            // Trimmed natively: Foundation's trimming bridges the whole (possibly megabytes long) text.
            let trimmed = Self.trimmingBlanks(rest)
            if trimmed.hasPrefix("["), let array = (try? JSONParser.parse(Data(trimmed.utf8)))?.array {
                let strings = array.compactMap(\.string)
                if strings.count == array.count { execForm = strings }
            }
            output.instructions.append(DockerfileInstruction(
                keyword: keyword, line: startLine, endLine: endLine, flags: flags,
                arguments: trimmed, execForm: execForm, heredocs: heredocs,
                argumentLines: shifted))
        }
        return output
    }

    /// What `CharacterSet.whitespaces` holds: tab and the space separators.
    static func isBlank(_ character: Character) -> Bool {
        character == " " || character == "\t"
            || (character.unicodeScalars.count == 1 && character.unicodeScalars.first!.properties.generalCategory == .spaceSeparator)
    }

    static func trimmingBlanks(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(text[first...last])
    }

    /// `# name=value` with a known-looking name, or nil.
    private static func directive(_ line: String) -> (String, String)? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("#") else { return nil }
        let body = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
        guard let equals = body.firstIndex(of: "=") else { return nil }
        let name = body[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter }) else { return nil }
        return (name, body[body.index(after: equals)...].trimmingCharacters(in: .whitespaces))
    }

    /// The line without a trailing escape character, and whether it continues on the next line.
    private static func stripContinuation(_ line: String, escape: Character) -> (String, Bool) {
        var content = Substring(line)
        while let last = content.last, last == " " || last == "\t" { content = content.dropLast() }
        if content.last == escape { return (String(content.dropLast()), true) }
        return (line, false)
    }

    struct HeredocMarker { var delimiter: String; var stripsTabs: Bool; var isQuoted: Bool }

    /// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` in an instruction's arguments, in order (not `<<<`).
    static func heredocMarkers(in text: String) -> [HeredocMarker] {
        var markers: [HeredocMarker] = []
        let chars = Array(text)
        var i = 0
        var quote: Character?
        while i < chars.count {
            let c = chars[i]
            if let q = quote { if c == q { quote = nil }; i += 1; continue }
            if c == "\"" || c == "'" { quote = c; i += 1; continue }
            guard c == "<", i + 1 < chars.count, chars[i + 1] == "<", i + 2 < chars.count, chars[i + 2] != "<" else { i += 1; continue }
            var j = i + 2
            let strips = chars[j] == "-"
            if strips { j += 1 }
            var isQuoted = false
            var delimiterQuote: Character?
            if j < chars.count, chars[j] == "\"" || chars[j] == "'" { delimiterQuote = chars[j]; isQuoted = true; j += 1 }
            var word = ""
            while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "-" {
                word.append(chars[j]); j += 1
            }
            if let dq = delimiterQuote, j < chars.count, chars[j] == dq { j += 1 }
            if !word.isEmpty { markers.append(HeredocMarker(delimiter: word, stripsTabs: strips, isQuoted: isQuoted)) }
            i = max(j, i + 2)
        }
        return markers
    }
}
