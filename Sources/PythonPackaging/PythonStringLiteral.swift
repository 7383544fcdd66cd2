/// Evaluates a quoted marker value as Python's `ast.literal_eval` does: escape sequences are
/// decoded, and a literal Python would reject is an error.
enum PythonStringLiteral {
    enum Outcome { case value(String), rejected(String) }

    /// The value of `quoted` (quotes included), or a message saying why Python rejects it.
    static func evaluate(_ quoted: ArraySlice<Unicode.Scalar>) -> Outcome {
        let body = Array(quoted.dropFirst().dropLast())
        var result: [Unicode.Scalar] = []
        var k = 0
        func hex(_ count: Int) -> Unicode.Scalar? {
            guard k + count <= body.count else { return nil }
            var value: UInt32 = 0
            for s in body[k..<k + count] {
                guard let digit = s.isASCII ? Int(String(s), radix: 16) : nil else { return nil }
                value = value * 16 + UInt32(digit)
            }
            k += count
            return Unicode.Scalar(value)
        }
        while k < body.count {
            let s = body[k]
            if s == "\n" || s == "\r" { return .rejected("A quoted marker value cannot span lines.") }
            if s == "\0" { return .rejected("A quoted marker value cannot contain a null character.") }
            guard s == "\\" else {
                result.append(s)
                k += 1
                continue
            }
            guard k + 1 < body.count else { return .rejected("A quoted marker value cannot end with a backslash.") }
            let escaped = body[k + 1]
            k += 2
            switch escaped {
            case "\n": break
            case "\\", "'", "\"": result.append(escaped)
            case "a": result.append("\u{07}")
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "v": result.append("\u{0B}")
            case "0"..."7":
                var value = escaped.value - 48
                var digits = 1
                while digits < 3, k < body.count, body[k] >= "0", body[k] <= "7" {
                    value = value * 8 + body[k].value - 48
                    k += 1
                    digits += 1
                }
                result.append(Unicode.Scalar(value)!)
            case "x", "u", "U":
                let width = escaped == "x" ? 2 : escaped == "u" ? 4 : 8
                guard let scalar = hex(width) else {
                    return .rejected("A quoted marker value has a malformed \\\(escaped) escape.")
                }
                result.append(scalar)
            case "N":
                return .rejected("Named Unicode escapes (\\N{...}) in marker values are not supported.")
            default:
                result.append("\\")
                result.append(escaped)
            }
        }
        return .value(String(scalars: result[...]))
    }
}
