import TOMLKit

/// The one way into TOML text, for the configuration, the lockfiles and the declaration files
/// (`pyproject.toml`, `Pipfile`): first the pre-scan (`TOMLNestingCheck`), which refuses text that
/// either reader would recurse too deep on or toml++ would abort on; then the fast scanner
/// (`LockTOMLScanner`) for the subset lock tools write; then TOMLKit, which reads all of TOML and
/// places its errors.
enum TOMLDocumentReader {
    /// Why a TOML document could not be read, and where.
    struct Failure: Error {
        /// The 1-based line of the problem.
        var line: Int
        /// The column of a problem TOMLKit found; nil for the pre-scan's.
        var column: Int?
        /// What is wrong: the pre-scan's reason or TOMLKit's description.
        var reason: String
        /// What the pre-scan refused the text for (too deep, a header without a key); no reader was run on it.
        var prescan: TOMLNestingCheck.Problem.Kind?

        /// The reason, with TOMLKit's line and column when it found the problem.
        var message: String {
            column.map { "\(reason) (line \(line), column \($0))" } ?? reason
        }
    }

    /// The document through the fast scanner, or through TOMLKit when the text leaves the scanner's
    /// subset (TOMLKit tables get the `[[package]]`/`[[packages]]` header lines from a line scan).
    /// `scanner: false` skips the fast scanner (tests compare the two readers).
    static func document(_ text: String, scanner: Bool = true) -> Result<LockTOMLTable, Failure> {
        if let failure = prescan(text) { return .failure(failure) }
        if scanner, let table = LockTOMLScanner.scan(text) { return .success(table) }
        return typed(text).map { table in
            let lines = ["package", "packages"].reduce(into: [String: [Int]]()) { result, key in
                result[key] = LockfileLineIndex.headerLines("[[\(key)]]", in: text)
            }
            return LockTOMLTable(table, arrayHeaderLines: lines)
        }
    }

    /// The document as TOMLKit's table, whose values keep their TOML types (the configuration
    /// checks them and names them in its messages). The pre-scan runs first here too.
    static func typedDocument(_ text: String) -> Result<TOMLTable, Failure> {
        if let failure = prescan(text) { return .failure(failure) }
        return typed(text)
    }

    private static func prescan(_ text: String) -> Failure? {
        TOMLNestingCheck.firstProblem(in: text).map { problem in
            Failure(line: problem.line, reason: TOMLNestingCheck.reason(problem.kind), prescan: problem.kind)
        }
    }

    private static func typed(_ text: String) -> Result<TOMLTable, Failure> {
        do {
            return .success(try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            let position = error.source.begin
            return .failure(Failure(line: position.line, column: position.column, reason: error.description))
        } catch {
            return .failure(Failure(line: 1, reason: "\(error)"))
        }
    }
}
