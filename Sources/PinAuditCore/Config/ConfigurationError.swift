/// A configuration file that cannot be used: every problem found, each with its place.
public struct ConfigurationError: Error, CustomStringConvertible, Hashable, Sendable {
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var file: String
        /// 1-based, when the key could be found in the text.
        public var line: Int?
        /// `plan.max-level`, `ignore[2].reason`; empty for the document itself.
        public var keyPath: String
        public var message: String

        public init(file: String, line: Int?, keyPath: String, message: String) {
            self.file = file; self.line = line; self.keyPath = keyPath; self.message = message
        }

        /// `.pinaudit.toml:7: plan.max-level: expected one of patch, minor, major, found "huge"`
        public var description: String {
            let place = line.map { "\(file):\($0)" } ?? file
            return keyPath.isEmpty ? "\(place): \(message)" : "\(place): \(keyPath): \(message)"
        }
    }

    public var problems: [Problem]

    public init(problems: [Problem]) { self.problems = problems }

    public var description: String {
        let header = problems.count == 1 ? "invalid configuration: " : "invalid configuration (\(problems.count) problems):\n  "
        return header + problems.map(\.description).joined(separator: "\n  ")
    }
}
