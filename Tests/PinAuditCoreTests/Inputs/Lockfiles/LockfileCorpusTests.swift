import TestSupport
import Foundation
import Testing
@testable import PinAuditCore

/// Reads the shared corpus of real lockfiles when it is present (skips otherwise) and checks the
/// package counts the lock tools themselves report (see the corpus's SOURCES.md).
@Suite struct LockfileCorpusTests {
    static let folder = SharedFolder.file("corpus/lockfiles")
    static var corpusPresent: Bool { FileManager.default.fileExists(atPath: folder) }

    struct Expectation: CustomStringConvertible, Sendable {
        var file: String
        var kind: LockfileKind
        var entries: Int
        var names: Int
        var description: String { file }
    }

    static let expectations = [
        Expectation(file: "poetry-project-poetry.lock", kind: .poetry, entries: 78, names: 78),
        Expectation(file: "isort-2021-lockv1.1-poetry.lock", kind: .poetry, entries: 136, names: 136),
        Expectation(file: "pipenv-project-Pipfile.lock", kind: .pipfile, entries: 110, names: 101),
        Expectation(file: "checkov-Pipfile.lock", kind: .pipfile, entries: 186, names: 161),
        Expectation(file: "comfy-cli-uv.lock", kind: .uv, entries: 74, names: 73),
        Expectation(file: "logfire-forked-markers-uv.lock", kind: .uv, entries: 273, names: 266),
        Expectation(file: "pdm-project-pdm.lock", kind: .pdm, entries: 100, names: 96),
        Expectation(file: "pdm-backend-2022-lockv4.0-pdm.lock", kind: .pdm, entries: 54, names: 52),
        Expectation(file: "comfy-cli-pylock.toml", kind: .pylock, entries: 48, names: 48),
    ]

    /// isort's lock has plugins that depend on isort, the root project Poetry does not lock.
    static func read(_ file: String) throws -> LockfileReading {
        let path = folder + "/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return LockfileParser.parse(path: path, text: text, projectNames: ["isort"])
    }

    @Test(.enabled(if: corpusPresent), arguments: expectations)
    func readsEveryCorpusLockfile(_ expected: Expectation) throws {
        let reading = try Self.read(expected.file)
        #expect(reading.kind == expected.kind)
        #expect(reading.findings.filter { $0.rule == .parseError || $0.rule == .lockUnsupported }.isEmpty,
                "\(reading.findings)")
        #expect(reading.entries.count == expected.entries)
        #expect(reading.lockedNames.count == expected.names)
        #expect(reading.entries.allSatisfy { $0.origin == .lockfile })
        // Every entry points at its own header (TOML) or key line (JSON).
        let lines = try String(contentsOfFile: Self.folder + "/" + expected.file, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        for entry in reading.entries {
            let line = entry.location.line
            if expected.kind == .pipfile {
                #expect(lines[line - 1].contains("\"\(entry.name ?? "")\": {"))
            } else {
                #expect(lines[line - 1].hasPrefix("[[package"))
                #expect(lines[line] == "name = \"\(entry.name ?? "")\"")
            }
        }
        #expect(reading.findings.isEmpty, "\(reading.findings.map(\.message))")
    }

    @Test(.enabled(if: corpusPresent))
    func pipfileSectionsMatchPipenvCounts() throws {
        for (file, defaults, develops) in [("pipenv-project-Pipfile.lock", 10, 100), ("checkov-Pipfile.lock", 99, 87)] {
            let reading = try Self.read(file)
            #expect(reading.groups.values.filter { $0.contains("default") }.count == defaults)
            #expect(reading.groups.values.filter { $0.contains("develop") }.count == develops)
            #expect(reading.dependencies == nil)
        }
    }

    @Test(.enabled(if: corpusPresent))
    func logfireForksKeepEveryVersionWithItsMarker() throws {
        let reading = try Self.read("logfire-forked-markers-uv.lock")
        let numpy = reading.entries.filter { $0.canonicalName == "numpy" }
        #expect(numpy.count == 3)
        #expect(numpy.allSatisfy { $0.marker != nil && $0.lockedVersion != nil })
        #expect(reading.entries.filter { $0.editable }.count == 2)
        #expect(reading.directPackages?.contains("opentelemetry-sdk") == true)
        #expect(reading.directPackages?.contains("logfire") == false)
    }

    @Test(.enabled(if: corpusPresent))
    func poetryGitSourceAndLegacyHashes() throws {
        let modern = try Self.read("poetry-project-poetry.lock")
        let core = try #require(modern.entries.first { $0.canonicalName == "poetry-core" })
        #expect(core.url?.hasPrefix("git+https://github.com/python-poetry/poetry-core.git@") == true)
        let legacy = try Self.read("isort-2021-lockv1.1-poetry.lock")
        let appdirs = try #require(legacy.entries.first { $0.canonicalName == "appdirs" })
        #expect(appdirs.hashes.count == 2)
        #expect(appdirs.hashes.allSatisfy { $0.hasPrefix("sha256:") })
        #expect(legacy.groups["appdirs"] == ["main"])
    }

    /// The fast scanner reads every TOML corpus lockfile (no fallback) exactly as TOMLKit does.
    @Test(.enabled(if: corpusPresent), arguments: expectations.filter { $0.kind != .pipfile })
    func scannerAgreesWithTOMLKit(_ expected: Expectation) throws {
        let text = try String(contentsOfFile: Self.folder + "/" + expected.file, encoding: .utf8)
        let scanned = try #require(LockTOMLScanner.scan(text))
        guard case .success(let converted) = TOMLDocumentReader.document(text, scanner: false) else {
            Issue.record("TOMLKit could not read \(expected.file)"); return
        }
        #expect(Self.render(.table(scanned)) == Self.render(.table(converted)))
        let key = expected.kind == .pylock ? "packages" : "package"
        #expect(scanned.tables(key).map(\.line) == converted.tables(key).map(\.line))
    }

    /// Keys sorted, scalars normalized, so the two readers' documents compare as text.
    static func render(_ value: LockTOMLValue) -> String {
        switch value {
        case .string(let s): return "\"\(s)\""
        case .scalar(let s): return s.replacingOccurrences(of: " ", with: "T")
        case .array(let elements): return "[" + elements.map(render).joined(separator: ",") + "]"
        case .table(let table):
            return "{" + table.keys.sorted().map { "\($0)=" + render(table[$0]!) }.joined(separator: ",") + "}"
        }
    }
}
