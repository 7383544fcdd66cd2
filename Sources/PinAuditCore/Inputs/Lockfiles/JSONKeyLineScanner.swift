/// Finds the line of each key of a JSON document's objects, up to a depth, with one pass over the
/// bytes. `JSONSerialization` keeps neither key order nor positions; lockfile entries need both.
enum JSONKeyLineScanner {
    /// One object key: the keys of the enclosing objects from the top (`["default"]`), the key, its 1-based line.
    struct Key: Equatable {
        var parents: [String]
        var name: String
        var line: Int
    }

    /// Keys at depth 1 (the top-level object's) through `maxDepth`, in document order.
    static func keys(in text: String, maxDepth: Int) -> [Key] {
        var result: [Key] = []
        var stack: [String?] = []    // per open container: the key it is the value of (nil for arrays / top)
        var pendingKey: String?      // the last key read at the current depth, until its value opens
        var line = 1
        var bytes = Array(text.utf8)[...]
        var lastString: [UInt8] = []
        var lastStringLine = 0
        var lastWasString = false

        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
            case UInt8(ascii: "\""):
                lastString.removeAll(keepingCapacity: true)
                lastStringLine = line
                while let c = bytes.popFirst() {
                    if c == UInt8(ascii: "\\") { if let escaped = bytes.popFirst() { lastString.append(c); lastString.append(escaped) }; continue }
                    if c == UInt8(ascii: "\"") { break }
                    if c == UInt8(ascii: "\n") { line += 1 }
                    lastString.append(c)
                }
                lastWasString = true
                continue
            case UInt8(ascii: ":"):
                if lastWasString {
                    let name = String(decoding: lastString, as: UTF8.self)
                    pendingKey = name
                    if stack.count <= maxDepth, stack.count >= 1 {
                        result.append(Key(parents: stack.dropFirst().compactMap { $0 }, name: name, line: lastStringLine))
                    }
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                stack.append(pendingKey ?? (stack.isEmpty ? nil : ""))
                pendingKey = nil
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                pendingKey = nil
            case UInt8(ascii: ","):
                pendingKey = nil
            default:
                break
            }
            if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") && byte != UInt8(ascii: "\n") {
                lastWasString = false
            }
        }
        return result
    }
}
