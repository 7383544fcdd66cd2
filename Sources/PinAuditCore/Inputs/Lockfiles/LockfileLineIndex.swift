/// Line numbers of a lockfile's package entries, found with a light scan of the text.
///
/// TOMLKit gives no positions, so the parsers pair the n-th `[[package]]` table of the parsed
/// document with the n-th `[[package]]` header line of the text (arrays of tables keep document order).
enum LockfileLineIndex {
    /// 1-based numbers of the lines whose content, without surrounding blanks, is exactly `header`.
    static func headerLines(_ header: String, in text: String) -> [Int] {
        let target = Array(header.utf8)
        var lines: [Int] = []
        var line = 1
        var atLineStart = true
        var utf8 = text.utf8[...]
        // Compare at the first non-blank byte of each line; skip the rest of the line quickly.
        while let byte = utf8.first {
            if atLineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { utf8 = utf8.dropFirst(); continue }
                atLineStart = false
                if byte == target[0], utf8.starts(with: target) {
                    var rest = utf8.dropFirst(target.count)
                    while let b = rest.first, b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") { rest = rest.dropFirst() }
                    if rest.isEmpty || rest.first == UInt8(ascii: "\n") || rest.first == UInt8(ascii: "\r")
                        || rest.first == UInt8(ascii: "#") {
                        lines.append(line)
                    }
                }
            }
            if byte == UInt8(ascii: "\n") { line += 1; atLineStart = true }
            utf8 = utf8.dropFirst()
        }
        return lines
    }

    /// The line of the n-th header, or the first line when the scan and the parse disagree.
    static func line(at index: Int, of lines: [Int]) -> Int {
        index < lines.count ? lines[index] : 1
    }

    /// 1-based line of the first line that starts (after blanks) with `prefix`, or nil.
    static func firstLine(startingWith prefix: String, in text: String) -> Int? {
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            if line.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(prefix) { return number }
        }
        return nil
    }
}
