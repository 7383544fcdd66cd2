/// One Dockerfile instruction after line continuations are joined, with where it came from.
public struct DockerfileInstruction: Hashable, Sendable {
    /// Upper-cased keyword: `FROM`, `RUN`, `COPY`, ...
    public var keyword: String
    /// 1-based line where the instruction starts.
    public var line: Int
    /// 1-based line of its last physical line (heredoc bodies included).
    public var endLine: Int
    /// Leading `--name=value` flags (`--platform=linux/amd64`, `--from=build`, `--mount=...`), as written.
    public var flags: [String]
    /// The arguments after the flags, continuations joined with a space.
    public var arguments: String
    /// The arguments of the JSON (exec) form, when the instruction uses it.
    public var execForm: [String]?
    /// Here-documents that follow the instruction (`RUN <<EOF`), in order.
    public var heredocs: [DockerfileHeredoc]
    /// Where each physical line of `arguments` starts: (character offset in `arguments`, line).
    public var argumentLines: [ArgumentLine]

    /// The start of one physical line's text inside `arguments`.
    public struct ArgumentLine: Hashable, Sendable {
        public var offset: Int
        public var line: Int
    }

    public init(keyword: String, line: Int, endLine: Int? = nil, flags: [String] = [], arguments: String,
                execForm: [String]? = nil, heredocs: [DockerfileHeredoc] = [], argumentLines: [ArgumentLine] = []) {
        self.keyword = keyword; self.line = line; self.endLine = endLine ?? line; self.flags = flags
        self.arguments = arguments; self.execForm = execForm; self.heredocs = heredocs
        self.argumentLines = argumentLines.isEmpty ? [ArgumentLine(offset: 0, line: line)] : argumentLines
    }

    /// The physical line of a character offset in `arguments`.
    public func line(atOffset offset: Int) -> Int {
        var result = line
        for start in argumentLines where start.offset <= offset { result = start.line }
        return result
    }

    /// The value of a `--name=value` flag.
    public func flag(_ name: String) -> String? {
        for flag in flags where flag.hasPrefix("--\(name)=") { return String(flag.dropFirst(name.count + 3)) }
        return nil
    }
}

/// A here-document: `<<EOF`, `<<-EOF` (leading tabs stripped), `<<"EOF"` / `<<'EOF'` (no expansion).
public struct DockerfileHeredoc: Hashable, Sendable {
    public var delimiter: String
    public var stripsTabs: Bool
    public var isQuoted: Bool
    /// The body's lines, each with its 1-based line number.
    public var lines: [BodyLine]

    public struct BodyLine: Hashable, Sendable {
        public var text: String
        public var line: Int
    }

    public init(delimiter: String, stripsTabs: Bool, isQuoted: Bool, lines: [BodyLine]) {
        self.delimiter = delimiter; self.stripsTabs = stripsTabs; self.isQuoted = isQuoted; self.lines = lines
    }

    public var body: String { lines.map(\.text).joined(separator: "\n") }
}
