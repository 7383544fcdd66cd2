/// The `--hash` options of one requirement in a file, and the layout they are written in
/// (`pip-compile --generate-hashes` puts each on its own line: `    --hash=sha256:… \`).
enum HashOptions {
    struct Found {
        var line: Int
        /// From `--hash` to the end of its value.
        var range: Range<Int>
        /// `--hash=` or `--hash ` as written.
        var spelling: String
    }

    static func find(in doc: PhysicalLines, lines: [Int]) -> [Found] {
        let s = doc.scalars
        let word = Array("--hash".unicodeScalars)
        var found: [Found] = []
        for line in lines {
            let end = doc.contentEndWithoutComment(line)
            var i = doc.lines[line].start
            while i + word.count < end {
                guard Array(s[i..<i + word.count]) == word, i == doc.lines[line].start || s[i - 1] == " " || s[i - 1] == "\t" else { i += 1; continue }
                var valueStart = i + word.count
                guard s[valueStart] == "=" || s[valueStart] == " " || s[valueStart] == "\t" else { i += 1; continue }
                valueStart += 1
                while valueStart < end, s[valueStart] == " " || s[valueStart] == "\t" { valueStart += 1 }
                var valueEnd = valueStart
                while valueEnd < end, s[valueEnd] != " ", s[valueEnd] != "\t", s[valueEnd] != "\\" { valueEnd += 1 }
                let spelling = String(String.UnicodeScalarView(s[i..<i + word.count + 1]))
                found.append(Found(line: line, range: i..<valueEnd, spelling: spelling))
                i = valueEnd
            }
        }
        return found
    }

    /// Only hash options, blanks, backslashes and line breaks lie between the first and the last.
    static func onlyHashesBetween(_ first: Found, _ last: Found, in doc: PhysicalLines) -> Bool {
        let found = find(in: doc, lines: Array(first.line...last.line))
        var i = first.range.lowerBound
        for hash in found where hash.range.lowerBound >= first.range.lowerBound {
            guard hash.range.lowerBound <= last.range.lowerBound else { break }
            for c in doc.scalars[i..<hash.range.lowerBound] where !(c == " " || c == "\t" || c == "\\" || c == "\r" || c == "\n") { return false }
            i = hash.range.upperBound
        }
        return true
    }

    struct Style {
        /// Every hash is on one physical line.
        var oneLine: Bool
        /// The first hash starts its line (after indentation), as pip-compile writes it.
        var firstOnOwnLine: Bool
        var indent: String
        var spelling: String
        /// What ends a continued line: ` \` as written.
        var continuation: String
        var lineEnding: String

        init(of found: [Found], in doc: PhysicalLines) {
            let first = found[0]
            let s = doc.scalars
            let lineStart = doc.lines[first.line].start
            firstOnOwnLine = s[lineStart..<first.range.lowerBound].allSatisfy { $0 == " " || $0 == "\t" }
            oneLine = found.allSatisfy { $0.line == first.line }
            let indentSource = firstOnOwnLine ? first : (found.first { $0.line != first.line } ?? first)
            let indentStart = doc.lines[indentSource.line].start
            indent = String(String.UnicodeScalarView(s[indentStart..<indentSource.range.lowerBound].prefix { $0 == " " || $0 == "\t" }))
            if indent.isEmpty && !oneLine { indent = "    " }
            spelling = first.spelling
            let continued = found.first { doc.continues($0.line) && $0.line != found.last!.line }
            if let continued {
                continuation = String(String.UnicodeScalarView(s[continued.range.upperBound..<doc.lines[continued.line].contentEnd]))
            } else {
                continuation = " \\"
            }
            let ending = doc.terminator(first.line)
            lineEnding = ending.isEmpty ? doc.lineEnding : ending
        }
    }
}
