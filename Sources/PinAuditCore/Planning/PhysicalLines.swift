/// A text as physical lines over its Unicode scalars, numbered as pip numbers them (Python's
/// `str.splitlines` breaks, the same as `LogicalLines.splitLines`), each with its own terminator,
/// so that edits can replace exact ranges and leave every other scalar in place.
struct PhysicalLines {
    struct Line {
        /// 1-based number.
        var number: Int
        var start: Int
        /// End of the text before the terminator.
        var contentEnd: Int
        /// End including the terminator (equal to `contentEnd` for a last line without one).
        var end: Int
    }

    /// A replacement of a range of scalars.
    struct Edit {
        var range: Range<Int>
        var replacement: String
    }

    let scalars: [Unicode.Scalar]
    let lines: [Line]

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var lines: [Line] = []
        var start = 0
        var i = 0
        while i < scalars.count {
            let value = scalars[i].value
            if [0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029, 0x0D].contains(value) {
                var end = i + 1
                if value == 0x0D, end < scalars.count, scalars[end] == "\n" { end += 1 }
                lines.append(Line(number: lines.count + 1, start: start, contentEnd: i, end: end))
                start = end
                i = end
            } else {
                i += 1
            }
        }
        if start < scalars.count { lines.append(Line(number: lines.count + 1, start: start, contentEnd: scalars.count, end: scalars.count)) }
        self.scalars = scalars
        self.lines = lines
    }

    func index(ofLine number: Int) -> Int? { number >= 1 && number <= lines.count ? number - 1 : nil }

    func content(_ line: Int) -> String { String(String.UnicodeScalarView(scalars[lines[line].start..<lines[line].contentEnd])) }

    func terminator(_ line: Int) -> String { String(String.UnicodeScalarView(scalars[lines[line].contentEnd..<lines[line].end])) }

    /// The physical lines of the logical line starting at `first`: pip joins a line ending in `\`
    /// (that is not a comment line) with the next.
    func logicalExtent(from first: Int) -> [Int] {
        var extent = [first]
        var line = first
        while line + 1 < lines.count, continues(line) {
            line += 1
            extent.append(line)
        }
        return extent
    }

    func continues(_ line: Int) -> Bool {
        let l = lines[line]
        guard l.contentEnd > l.start, scalars[l.contentEnd - 1] == "\\" else { return false }
        return !LogicalLines.startsWithComment(content(line))
    }

    /// Where a comment (a `#` at the start or after whitespace) begins on the line, else its content end.
    func contentEndWithoutComment(_ line: Int) -> Int {
        let l = lines[line]
        var i = l.start
        while i < l.contentEnd {
            if scalars[i] == "#", i == l.start || LogicalLines.isPythonWhitespace(scalars[i - 1]) { return i }
            i += 1
        }
        return l.contentEnd
    }

    /// The line ending the file uses: that of its first line with one, else `\n`.
    var lineEnding: String {
        for index in lines.indices { let ending = terminator(index); if !ending.isEmpty { return ending } }
        return "\n"
    }

    /// The text with the edits applied (ranges must not overlap; insertions have empty ranges).
    func applying(_ edits: [Edit]) -> String {
        var out = String.UnicodeScalarView()
        var position = 0
        for edit in edits.enumerated().sorted(by: { ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset) }).map(\.element) {
            guard edit.range.lowerBound >= position else { continue }
            out.append(contentsOf: scalars[position..<edit.range.lowerBound])
            out.append(contentsOf: edit.replacement.unicodeScalars)
            position = edit.range.upperBound
        }
        out.append(contentsOf: scalars[position...])
        return String(out)
    }
}
