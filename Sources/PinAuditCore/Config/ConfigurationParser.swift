import PythonPackaging
import TOMLKit

/// Reads a configuration from the text of `.pinaudit.toml` or `pyproject.toml`. Pure: the command
/// layer reads the file (see `ConfigLocator`) and hands the text in.
public enum ConfigurationParser {
    /// - Parameters:
    ///   - text: the file's text.
    ///   - file: the path as the user would type it; a file named `pyproject.toml` is read through
    ///     its `[tool.pinaudit]` table.
    /// - Returns: nil for a `pyproject.toml` without `[tool.pinaudit]` (keep looking upward).
    /// - Throws: `ConfigurationError` listing every unknown key, wrong type or missing value.
    public static func parse(_ text: String, file: String) throws -> Configuration? {
        // The pre-scan runs before anything else reads the text: TOMLKit recurses per level, key lines per dotted part.
        let root: TOMLTable
        switch TOMLDocumentReader.typedDocument(text) {
        case .success(let table): root = table
        case .failure(let failure):
            let message = switch failure.prescan {
            case .tooDeep?:
                "nests arrays, tables or dotted keys more than \(TOMLNestingCheck.maximumDepth) levels deep, which pinaudit does not read; write it with fewer levels"
            case _?: "not valid TOML: \(failure.reason); correct that line"
            case nil: "not valid TOML: \(failure.reason)"
            }
            throw ConfigurationError(problems: [.init(file: file, line: failure.line, keyPath: "", message: message)])
        }
        let lines = TOMLKeyLines(text)
        let problems = Problems(file: file, lines: lines)
        let table: TableReader
        if isPyproject(file) {
            guard let tool = root["tool"], let section = tool.table?["pinaudit"] else { return nil }
            guard let pinaudit = section.table else {
                problems.add("tool.pinaudit", "expected a table, found \(section.type)")
                throw ConfigurationError(problems: problems.list)
            }
            table = TableReader(pinaudit, path: "tool.pinaudit", problems: problems)
        } else {
            table = TableReader(root, path: "", problems: problems)
        }
        let configuration = read(table, file: file, problems: problems)
        if !problems.list.isEmpty { throw ConfigurationError(problems: problems.list) }
        return configuration
    }

    static func isPyproject(_ file: String) -> Bool {
        file == "pyproject.toml" || file.hasSuffix("/pyproject.toml")
    }

    private static func read(_ table: TableReader, file: String, problems: Problems) -> Configuration {
        var c = Configuration(file: file)
        c.pythonVersions = table.strings("python-versions")?.filter { version in
            guard Version.parse(version) != nil else {
                table.problem("python-versions", "\"\(version)\" is not a Python version such as \"3.12\"")
                return false
            }
            return true
        }
        c.platforms = table.strings("platforms")?.compactMap { table.choice("platforms", $0, MarkerEnvironment.Platform.self) }
        c.failOn = table.string("fail-on").flatMap { table.choice("fail-on", $0, FailLevel.self) }
        // Kept as written: an entry is a package name or a path (`pyproject.toml` is both), compared as each.
        c.allowUnpinned = table.strings("allow-unpinned") ?? []
        if let value = table.raw("outdated") {
            c.outdated = readOutdated(value, table: table)
        }
        if let source = table.string("vuln-source").flatMap({ table.choice("vuln-source", $0, VulnerabilitySource.self) }) {
            c.vulnSource = source
        }
        if let word = table.string("vuln-fail-on") {
            c.vulnFailOn = VulnerabilityThreshold(word: word)
            if c.vulnFailOn == nil {
                table.problem("vuln-fail-on", "expected one of \(VulnerabilityThreshold.words.joined(separator: ", ")), found \"\(word)\"")
            }
        }
        c.osvURL = table.string("osv-url")
        c.vulnDatabase = table.string("vuln-db")
        c.vulnDatabaseURL = table.string("vuln-db-url")
        c.indexURL = table.string("index-url")
        c.extraIndexURLs = table.strings("extra-index-urls") ?? []
        if let severity = table.table("severity") {
            for key in severity.keys {
                guard let rule = Rule(rawValue: key) else {
                    severity.problem(key, "unknown rule id; known ids: \(Rule.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                guard let text = severity.string(key) else { continue }
                if let level = RuleSeverity(text: text) { c.severity[rule] = level } else {
                    severity.problem(key, "expected one of error, warning, note, off, found \"\(text)\"")
                }
            }
        }
        if let plan = table.table("plan") { c.plan = readPlan(plan) }
        if let limits = table.table("index-limits") { c.indexLimits = readIndexLimits(limits) }
        if let ignores = table.tables("ignore") {
            c.ignores = ignores.compactMap { readIgnore($0, file: file) }
        }
        table.finish(known: ["python-versions", "platforms", "fail-on", "allow-unpinned", "outdated", "vuln-source", "osv-url",
                             "vuln-db", "vuln-db-url",
                             "index-url", "extra-index-urls", "severity", "plan", "ignore", "vuln-fail-on", "index-limits"])
        return c
    }

    private static func readOutdated(_ value: TOMLValueConvertible, table: TableReader) -> OutdatedSeverities {
        if let text = value.string {
            // One level for every kind: `outdated = "off"`.
            guard let level = RuleSeverity(text: text) else {
                table.problem("outdated", "expected a table such as { patch = \"note\" } or one of error, warning, note, off, found \"\(text)\"")
                return .default
            }
            let severity: Severity? = if case .level(let s) = level { s } else { nil }
            return OutdatedSeverities(patch: severity, minor: severity, major: severity)
        }
        guard let outdated = table.table("outdated") else { return .default }
        var result = OutdatedSeverities.default
        for kind in UpdateKind.allCases {
            guard let text = outdated.string(kind.rawValue) else { continue }
            switch RuleSeverity(text: text) {
            case .off?: result[kind] = nil
            case .level(let level)?: result[kind] = level
            case nil: outdated.problem(kind.rawValue, "expected one of error, warning, note, off, found \"\(text)\"")
            }
        }
        outdated.finish(known: UpdateKind.allCases.map(\.rawValue))
        return result
    }

    /// `[index-limits]`: each key a number in the limit's unit, or a string such as "2m" or "64MiB".
    private static func readIndexLimits(_ table: TableReader) -> [IndexLimits.Setting: Double] {
        var result: [IndexLimits.Setting: Double] = [:]
        for setting in IndexLimits.Setting.allCases {
            guard let value = table.raw(setting.key) else { continue }
            let number: Double?
            if let text = value.string {
                number = IndexLimits.parse(text, for: setting)
            } else if let int = value.int {
                number = IndexLimits.isAcceptable(Double(int), for: setting) ? Double(int) : nil
            } else if let double = value.double {
                number = double.isFinite && IndexLimits.isAcceptable(double, for: setting) ? double : nil
            } else {
                number = nil
            }
            if let number { result[setting] = number } else { table.problem(setting.key, "expected \(setting.expected)") }
        }
        table.finish(known: IndexLimits.Setting.allCases.map(\.key))
        return result
    }

    private static func readPlan(_ plan: TableReader) -> PlanConfiguration {
        var result = PlanConfiguration()
        if let level = plan.string("max-level").flatMap({ plan.choice("max-level", $0, UpdateKind.self) }) { result.maxLevel = level }
        if let age = plan.nonNegativeInt("min-age") { result.minAge = age }
        result.freeze = plan.strings("freeze")?.map(PackageName.canonicalize) ?? []
        if let allow = plan.bool("allow-prereleases") { result.allowPrereleases = allow }
        if let packages = plan.table("packages") {
            for name in packages.keys {
                guard let package = packages.table(name) else { continue }
                var settings = PackagePlanConfiguration()
                settings.maxLevel = package.string("max-level").flatMap { package.choice("max-level", $0, UpdateKind.self) }
                settings.minAge = package.nonNegativeInt("min-age")
                package.finish(known: ["max-level", "min-age"])
                result.packages[PackageName.canonicalize(name)] = settings
            }
        }
        plan.finish(known: ["max-level", "min-age", "freeze", "allow-prereleases", "packages"])
        return result
    }

    private static func readIgnore(_ entry: TableReader, file: String) -> IgnoreRule? {
        defer { entry.finish(known: ["rule", "package", "id", "reason", "until"]) }
        let ruleText = entry.string("rule")
        let reason = entry.string("reason")
        if ruleText == nil && entry.raw("rule") == nil { entry.problem("rule", "missing: say which rule id this ignore hides") }
        if reason == nil && entry.raw("reason") == nil {
            entry.problem("reason", "missing: every ignore needs a reason, so that the next reader knows why")
        } else if let reason, reason.trimmingWhitespace.isEmpty {
            entry.problem("reason", "is empty: every ignore needs a reason, so that the next reader knows why")
        }
        var rule: Rule?
        if let ruleText {
            rule = Rule(rawValue: ruleText)
            if rule == nil { entry.problem("rule", "unknown rule id \"\(ruleText)\"") }
        }
        var until: CalendarDay?
        if let value = entry.raw("until") {
            if let date = value.date {
                until = CalendarDay(year: date.year, month: date.month, day: date.day)
            } else if let text = value.string, let day = CalendarDay(iso: text), text.count == 10 {
                until = day
            } else {
                entry.problem("until", "expected a date such as \"2026-12-31\"")
            }
        }
        let package = entry.string("package").map(PackageName.canonicalize)
        let id = entry.string("id")
        guard let rule, let reason, !reason.trimmingWhitespace.isEmpty else { return nil }
        let line = entry.line()
        return IgnoreRule(rule: rule, package: package, id: id, reason: reason, until: until,
                          location: line.map { SourceLocation(file: file, line: $0) })
    }
}

/// Problems found while reading, with lines from the text.
final class Problems {
    let file: String
    let lines: TOMLKeyLines
    private(set) var list: [ConfigurationError.Problem] = []

    init(file: String, lines: TOMLKeyLines) { self.file = file; self.lines = lines }

    func add(_ path: String, _ message: String) {
        list.append(.init(file: file, line: lines.line(of: path), keyPath: path, message: message))
    }
}

/// Typed reads of one table that report wrong types, and unknown keys at `finish`.
struct TableReader {
    let table: TOMLTable
    let path: String
    let problems: Problems

    init(_ table: TOMLTable, path: String, problems: Problems) {
        self.table = table; self.path = path; self.problems = problems
    }

    var keys: [String] { table.keys.sorted() }

    func keyPath(_ key: String) -> String {
        let part = key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } ? key : "\"\(key)\""
        return path.isEmpty ? part : path + "." + part
    }

    func line() -> Int? { problems.lines.line(of: path) }

    func problem(_ key: String, _ message: String) { problems.add(keyPath(key), message) }

    func raw(_ key: String) -> TOMLValueConvertible? { table[key] }

    private func expect<T>(_ key: String, _ kind: String, _ convert: (TOMLValueConvertible) -> T?) -> T? {
        guard let value = table[key] else { return nil }
        guard let converted = convert(value) else {
            problem(key, "expected \(kind), found \(value.type)")
            return nil
        }
        return converted
    }

    func string(_ key: String) -> String? { expect(key, "a string", { $0.string }) }
    func bool(_ key: String) -> Bool? { expect(key, "true or false", { $0.bool }) }

    func nonNegativeInt(_ key: String) -> Int? {
        guard let value = expect(key, "an integer", { $0.int }) else { return nil }
        guard value >= 0 else { problem(key, "expected a number of days (0 or more), found \(value)"); return nil }
        return value
    }

    func strings(_ key: String) -> [String]? {
        guard let array = expect(key, "an array of strings", { $0.array }) else { return nil }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.string else {
                problems.add(keyPath(key) + "[\(index + 1)]", "expected a string, found \(element.type)")
                continue
            }
            result.append(text)
        }
        return result
    }

    func table(_ key: String) -> TableReader? {
        expect(key, "a table", { $0.table }).map { TableReader($0, path: keyPath(key), problems: problems) }
    }

    /// `[[key]]` entries, numbered from 1 in paths.
    func tables(_ key: String) -> [TableReader]? {
        guard let array = expect(key, "an array of tables ([[\(key)]])", { $0.array }) else { return nil }
        var result: [TableReader] = []
        for (index, element) in array.enumerated() {
            let elementPath = keyPath(key) + "[\(index + 1)]"
            guard let entry = element.table else {
                problems.add(elementPath, "expected a table, found \(element.type)")
                continue
            }
            result.append(TableReader(entry, path: elementPath, problems: problems))
        }
        return result
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ text: String, _: T.Type) -> T? where T.RawValue == String {
        if let value = T(rawValue: text) { return value }
        problem(key, "expected one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(text)\"")
        return nil
    }

    func finish(known: [String]) {
        for key in keys where !known.contains(key) {
            problem(key, "unknown key; known keys here: \(known.joined(separator: ", "))")
        }
    }
}
