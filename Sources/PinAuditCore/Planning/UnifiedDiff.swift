extension RequirementsRewriter {
    /// A unified diff (`diff -u` layout, 3 lines of context) from `old` to `new`, for `--dry-run`.
    /// Empty when the texts are equal. Lines are split at `\n`; a `\r` before it stays part of the line.
    /// The path and the lines go through `OutputSanitizer` (a stranger's file may hold escapes).
    public static func unifiedDiff(old: String, new: String, path: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let a = DiffLines(old), b = DiffLines(new)
        let script = MyersDiff.script(a.keys, b.keys)
        let shownPath = OutputSanitizer.terminal(path)
        var out = "--- a/\(shownPath)\n+++ b/\(shownPath)\n"
        for hunk in hunks(script, context: context) {
            let aStart = hunk.first { $0.a != nil }?.a, bStart = hunk.first { $0.b != nil }?.b
            let aCount = hunk.filter { $0.kind != .insert }.count, bCount = hunk.filter { $0.kind != .delete }.count
            let aFrom = aCount == 0 ? (hunk.first.flatMap { $0.aBefore } ?? 0) : aStart! + 1
            let bFrom = bCount == 0 ? (hunk.first.flatMap { $0.bBefore } ?? 0) : bStart! + 1
            out += "@@ -\(aFrom),\(aCount) +\(bFrom),\(bCount) @@\n"
            for op in hunk {
                switch op.kind {
                case .equal: out += " " + OutputSanitizer.terminalDiffLine(a.lines[op.a!]) + "\n"; if op.a! == a.lines.count - 1 && !a.finalNewline { out += "\\ No newline at end of file\n" }
                case .delete: out += "-" + OutputSanitizer.terminalDiffLine(a.lines[op.a!]) + "\n"; if op.a! == a.lines.count - 1 && !a.finalNewline { out += "\\ No newline at end of file\n" }
                case .insert: out += "+" + OutputSanitizer.terminalDiffLine(b.lines[op.b!]) + "\n"; if op.b! == b.lines.count - 1 && !b.finalNewline { out += "\\ No newline at end of file\n" }
                }
            }
        }
        return out
    }

    /// Groups the script into hunks: changes with up to `context` equal lines around them.
    static func hunks(_ script: [MyersDiff.Op], context: Int) -> [[MyersDiff.Op]] {
        let changed = script.indices.filter { script[$0].kind != .equal }
        guard !changed.isEmpty else { return [] }
        var ranges: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(script.count - 1, index + context)
            if let last = ranges.last, range.lowerBound <= last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                ranges.append(range)
            }
        }
        return ranges.map { Array(script[$0]) }
    }
}

/// A text split for diffing.
struct DiffLines {
    var lines: [String]
    var finalNewline: Bool

    init(_ text: String) {
        // By scalars: as Characters, CRLF is one grapheme that a split at "\n" would not see.
        var parts = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        finalNewline = text.isEmpty || text.unicodeScalars.last == "\n"
        if finalNewline { parts.removeLast() }
        lines = parts
    }

    /// Lines as compared: a last line without a newline differs from the same text with one, as in `diff`.
    var keys: [String] {
        guard !finalNewline, let last = lines.last else { return lines }
        return lines.dropLast() + [last + "\u{0}"]
    }
}

/// Myers' O((N+M)D) shortest edit script.
enum MyersDiff {
    struct Op {
        enum Kind { case equal, delete, insert }
        var kind: Kind
        /// Index in the old lines (equal, delete) and in the new ones (equal, insert).
        var a: Int?
        var b: Int?
        /// For an insertion or deletion: how many old / new lines come before it (hunk headers of empty sides).
        var aBefore: Int?
        var bBefore: Int?
    }

    static func script(_ a: [String], _ b: [String]) -> [Op] {
        let n = a.count, m = b.count, maxD = n + m
        let offset = maxD + 1
        var v = [Int](repeating: 0, count: 2 * maxD + 3)
        var trace: [[Int]] = []
        search: for d in 0...maxD {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? v[k + 1 + offset] : v[k - 1 + offset] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
                v[k + offset] = x
                if x >= n && y >= m { break search }
            }
        }
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let prevK = (k == -d || (k != d && v[k - 1 + offset] < v[k + 1 + offset])) ? k + 1 : k - 1
            let prevX = v[prevK + offset], prevY = prevX - prevK
            while x > prevX && y > prevY {
                ops.append(Op(kind: .equal, a: x - 1, b: y - 1))
                x -= 1; y -= 1
            }
            if d > 0 {
                if x == prevX { ops.append(Op(kind: .insert, b: y - 1, aBefore: x)) } else { ops.append(Op(kind: .delete, a: x - 1, bBefore: y)) }
            }
            x = prevX; y = prevY
        }
        return ops.reversed()
    }
}
