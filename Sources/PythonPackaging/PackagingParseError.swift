/// An invalid version, specifier, marker or requirement: carries the text, a message and a
/// 0-based column (character offset) of the problem where known.
///
/// Messages follow packaging's wording (`Expected end or semicolon (after version specifier)`),
/// and columns count Unicode scalars, as Python's string indices do.
public struct PackagingParseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The text that failed to parse.
    public var text: String
    /// What went wrong, in packaging's words.
    public var message: String
    /// Where the caret goes (packaging's span end), when known.
    public var column: Int?
    /// Where the underline under the problem starts (packaging's span start); `column` when nil.
    public var underlineStart: Int?

    public init(text: String, message: String, column: Int? = nil) {
        self.text = text; self.message = message; self.column = column
    }

    /// An error whose problem spans `underlineStart..<column`.
    public init(text: String, message: String, column: Int?, underlineStart: Int?) {
        self.text = text; self.message = message; self.column = column; self.underlineStart = underlineStart
    }

    /// "expected ..., at column N" with the text and a caret line under the problem.
    public var description: String {
        let lowered = message.prefix(1).lowercased() + message.dropFirst()
        guard let column else { return lowered }
        let start = min(underlineStart ?? column, column)
        let caretLine = String(repeating: " ", count: start) + String(repeating: "~", count: column - start) + "^"
        return "\(lowered), at column \(column)\n    \(text)\n    \(caretLine)"
    }
}
