extension Version {
    /// A hand-written equivalent of packaging's `VERSION_PATTERN` (possessive flavour), matched
    /// against the whole text with surrounding whitespace allowed.
    struct Scanner {
        private let bytes: UnsafeBufferPointer<UInt8>
        private var index: Int
        private let end: Int
        private var overflowed = false

        /// The parts of `text`, or nil when it is not a valid version (or a number overflows Int).
        static func scan(_ text: String) -> VersionParts? {
            var text = text
            if text.utf8.contains(where: { $0 >= 0x80 }) {
                // Only whitespace may be non-ASCII; strip it and require ASCII for the rest.
                let stripped = PythonCharacterClass.strip(text)
                guard !stripped.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
                text = stripped
            }
            return text.withUTF8 { buffer in
                var start = 0, end = buffer.count
                while start < end, isSpace(buffer[start]) { start += 1 }
                while end > start, isSpace(buffer[end - 1]) { end -= 1 }
                var scanner = Scanner(bytes: buffer, index: start, end: end)
                return scanner.scanVersion()
            }
        }

        private static func isSpace(_ b: UInt8) -> Bool { (b >= 9 && b <= 13) || (b >= 0x1C && b <= 0x20) }

        private init(bytes: UnsafeBufferPointer<UInt8>, index: Int, end: Int) {
            self.bytes = bytes; self.index = index; self.end = end
        }

        private var current: UInt8? { index < end ? bytes[index] : nil }

        private func byte(at offset: Int) -> UInt8? { index + offset < end ? bytes[index + offset] : nil }

        private mutating func scanVersion() -> VersionParts? {
            var parts = VersionParts()
            if let b = current, ASCII.lower(b) == UInt8(ascii: "v") { index += 1 }
            // Epoch: digits followed by "!".
            var probe = index
            while probe < end, ASCII.isDigit(bytes[probe]) { probe += 1 }
            if probe > index, probe < end, bytes[probe] == UInt8(ascii: "!") {
                parts.epoch = number()!
                index += 1
            }
            guard let first = number() else { return nil }
            parts.release = [first]
            while current == UInt8(ascii: "."), let next = byte(at: 1), ASCII.isDigit(next) {
                index += 1
                parts.release.append(number()!)
            }
            scanPre(into: &parts)
            scanPost(into: &parts)
            scanDev(into: &parts)
            if current == UInt8(ascii: "+") {
                guard let local = scanLocal() else { return nil }
                parts.local = local
            }
            guard index == end, !overflowed else { return nil }
            return parts
        }

        /// Digits at the cursor as an Int; nil when there are none.
        private mutating func number() -> Int? {
            guard let b = current, ASCII.isDigit(b) else { return nil }
            var value = 0
            while let b = current, ASCII.isDigit(b) {
                let (times, o1) = value.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(Int(b - 48))
                if o1 || o2 { overflowed = true }
                value = plus
                index += 1
            }
            return value
        }

        private mutating func skipSeparator() {
            if let b = current, ASCII.isSeparator(b) { index += 1 }
        }

        /// Matches one of `words` (lowercase, in the pattern's order) at the cursor, case-insensitively.
        private mutating func word(_ words: [StaticString]) -> Int? {
            for (n, word) in words.enumerated() {
                let count = word.utf8CodeUnitCount
                guard index + count <= end else { continue }
                var matches = true
                for k in 0..<count where ASCII.lower(bytes[index + k]) != word.utf8Start[k] {
                    matches = false
                    break
                }
                if matches {
                    index += count
                    return n
                }
            }
            return nil
        }

        private static let preWords: [StaticString] = ["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"]
        private static let preKinds: [PreReleaseKind] = [.alpha, .alpha, .beta, .beta, .rc, .rc, .rc, .rc]

        private mutating func scanPre(into parts: inout VersionParts) {
            let start = index
            skipSeparator()
            guard let n = word(Self.preWords) else {
                index = start
                return
            }
            skipSeparator()
            parts.pre = (Self.preKinds[n], number() ?? 0)
        }

        private mutating func scanPost(into parts: inout VersionParts) {
            let start = index
            if current == UInt8(ascii: "-"), let next = byte(at: 1), ASCII.isDigit(next) {
                index += 1
                parts.post = number()
                return
            }
            skipSeparator()
            guard word(["post", "rev", "r"]) != nil else {
                index = start
                return
            }
            skipSeparator()
            parts.post = number() ?? 0
        }

        private mutating func scanDev(into parts: inout VersionParts) {
            let start = index
            skipSeparator()
            guard word(["dev"]) != nil else {
                index = start
                return
            }
            skipSeparator()
            parts.dev = number() ?? 0
        }

        /// `+` then alphanumeric runs joined by single separators.
        private mutating func scanLocal() -> [LocalSegment]? {
            index += 1
            var segments: [LocalSegment] = []
            while true {
                let start = index
                while let b = current, ASCII.isAlphanumeric(b) { index += 1 }
                guard index > start else { return nil }
                segments.append(segment(start..<index))
                guard let b = current, ASCII.isSeparator(b), let next = byte(at: 1), ASCII.isAlphanumeric(next) else {
                    return segments
                }
                index += 1
            }
        }

        private mutating func segment(_ range: Range<Int>) -> LocalSegment {
            if bytes[range].allSatisfy(ASCII.isDigit) {
                var value = 0
                for b in bytes[range] {
                    let (times, o1) = value.multipliedReportingOverflow(by: 10)
                    let (plus, o2) = times.addingReportingOverflow(Int(b - 48))
                    if o1 || o2 { overflowed = true }
                    value = plus
                }
                return .number(value)
            }
            return .text(String(decoding: bytes[range].map(ASCII.lower), as: UTF8.self))
        }
    }
}
