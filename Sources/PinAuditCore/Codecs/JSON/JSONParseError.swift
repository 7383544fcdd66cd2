/// Why a text is not the JSON document expected, and where.
public struct JSONParseError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// Bytes from the start of the document to the problem.
    public var offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "invalid JSON (\(message) at byte \(offset))" }

    /// The 1-based line and column (in bytes) of the problem in `text`, the document parsed.
    public func position(in text: String) -> (line: Int, column: Int) {
        JSONTextPosition.of(offset: offset, in: text)
    }
}

/// Lines and columns of byte offsets in a JSON text.
public enum JSONTextPosition {
    /// The 1-based line and column (in bytes) of `offset` in `text`; the end when `offset` is past it.
    public static func of(offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var position = 0
        for byte in text.utf8 {
            if position == offset { break }
            position += 1
            if byte == UInt8(ascii: "\n") {
                line += 1
                lineStart = position
            }
        }
        return (line, position - lineStart + 1)
    }

    /// The 1-based lines of `offsets`, which must be ascending, in one pass over `text`.
    public static func lines(ofAscending offsets: [Int], in text: String) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(offsets.count)
        var line = 1
        var position = 0
        var utf8 = text.utf8.makeIterator()
        for offset in offsets {
            while position < offset, let byte = utf8.next() {
                position += 1
                if byte == UInt8(ascii: "\n") { line += 1 }
            }
            result.append(line)
        }
        return result
    }
}
