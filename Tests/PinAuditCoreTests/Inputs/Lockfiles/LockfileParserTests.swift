import Foundation
import PythonPackaging
import Testing
@testable import PinAuditCore

/// The test bundle's fixture files.
enum SourceFixtures {
    static func text(_ relativePath: String) throws -> String {
        let base = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
        return try String(contentsOf: base.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// The text as written, and again with CRLF line endings.
    static func variants(_ relativePath: String) throws -> [String] {
        let text = try self.text(relativePath)
        let lf = text.replacingOccurrences(of: "\r\n", with: "\n")
        return [text, lf.replacingOccurrences(of: "\n", with: "\r\n")]
    }
}

@Suite struct LockfileParserTests {
    static func read(_ name: String) throws -> [LockfileReading] {
        try SourceFixtures.variants("lockfiles/" + name).map { LockfileParser.parse(path: name, text: $0) }
    }

    @Test(arguments: [
        ("poetry.lock", LockfileKind.poetry), ("Pipfile.lock", .pipfile), ("uv.lock", .uv), ("pdm.lock", .pdm),
        ("pylock.toml", .pylock), ("pylock.dev.toml", .pylock), ("sub/dir/uv.lock", .uv), ("comfy-cli-uv.lock", .uv),
    ])
    func detectsKindFromFileName(_ name: String, _ kind: LockfileKind) {
        #expect(LockfileKind.detect(fileName: name) == kind)
    }

    @Test func ignoresOtherFileNames() {
        #expect(LockfileKind.detect(fileName: "requirements.txt") == nil)
        #expect(LockfileKind.detect(fileName: "pyproject.toml") == nil)
        #expect(LockfileKind.detect(fileName: "notuv.lock") == nil)
    }

    @Test func updateCommands() {
        #expect(LockfileKind.uv.updateCommand(package: "flask", version: "3.0.3") == "uv lock --upgrade-package flask==3.0.3")
        #expect(LockfileKind.poetry.updateCommand(package: "flask", version: "3.0.3") == "poetry update flask")
        #expect(LockfileKind.pdm.updateCommand(package: "flask") == "pdm update flask")
        #expect(LockfileKind.pipfile.updateCommand(package: "flask") == "pipenv update flask")
        #expect(LockfileKind.pylock.updateCommand(package: "flask", version: "3.0.3").contains("uv export"))
    }

    @Test func poetryV2() throws {
        for reading in try Self.read("v2-poetry.lock") {
            #expect(reading.kind == .poetry && reading.formatVersion == "2.1")
            #expect(reading.entries.map(\.name) == ["Flask", "werkzeug", "mylib"])
            #expect(reading.entries.map(\.location.line) == [3, 24, 39])
            let flask = reading.entries[0]
            #expect(flask.lockedVersion == "3.0.3" && flask.origin == .lockfile)
            #expect(flask.hashes == ["sha256:aaaa", "sha256:bbbb"])
            #expect(reading.entries[1].marker?.description == "python_version >= \"3.8\"")
            #expect(reading.groups["werkzeug"] == ["main", "dev"])
            #expect(reading.entries[2].editable && reading.entries[2].url == "libs/mylib")
            let edges = try #require(reading.dependencies?["flask"])
            #expect(edges.filter { $0.name == "itsdangerous" }.count == 2)
            #expect(edges.first { $0.name == "brotli" }?.isOptional == true)
            // markupsafe is required unconditionally and not locked; colorama only on Windows; brotli behind an extra.
            #expect(reading.findings.map(\.rule) == [.lockMissingPackage])
            #expect(reading.findings.first?.package == "markupsafe")
            #expect(reading.findings.first?.location == SourceLocation(file: "v2-poetry.lock", line: 24))
        }
    }

    @Test func poetryV1WithMetadataFilesAndAnEmptyVersion() throws {
        for reading in try Self.read("v1-poetry.lock") {
            #expect(reading.formatVersion == "1.1")
            #expect(reading.entries.first?.hashes == ["sha256:dddd"])
            #expect(reading.groups["pytest"] == ["dev"])
            #expect(reading.findings.map(\.rule) == [.lockEntryUnpinned])
            #expect(reading.findings.first?.location?.line == 9)
        }
    }

    @Test func unsupportedVersionsNameWhatWasFound() throws {
        for (name, found) in [("v3-poetry.lock", "3.0"), ("v2-uv.lock", "2")] {
            let reading = try Self.read(name)[0]
            #expect(reading.entries.isEmpty)
            #expect(reading.findings.map(\.rule) == [.lockUnsupported])
            let message = reading.findings[0].message
            #expect(message.contains("format version \(found)") && message.contains(reading.kind.supportedVersions))
        }
    }

    @Test func pipfileLock() throws {
        for reading in try Self.read("Pipfile.lock") {
            #expect(reading.kind == .pipfile && reading.formatVersion == "6")
            #expect(reading.entries.map(\.name) == ["requests", "urllib3", "mypkg", "tool", "requests", "pytest"])
            #expect(reading.entries.map(\.location.line) == [9, 18, 21, 25, 31, 32])
            let requests = reading.entries[0]
            #expect(requests.lockedVersion == "2.32.3" && requests.hashes == ["sha256:eeee", "sha256:ffff"])
            #expect(requests.marker?.description == "python_version >= \"3.8\"")
            #expect(reading.groups["requests"] == ["default", "index:pypi", "develop"])
            #expect(reading.entries[2].editable && reading.entries[2].url == ".")
            #expect(reading.entries[3].url == "git+https://git.example/tool.git@0123abcd")
            #expect(reading.entries[5].extras == ["testing"])
            #expect(reading.dependencies == nil)
            #expect(reading.findings.map(\.rule) == [.lockEntryUnpinned])
            #expect(reading.findings.first?.package == "urllib3" && reading.findings.first?.location?.line == 18)
        }
    }

    @Test func uvLock() throws {
        for reading in try Self.read("uv.lock") {
            #expect(reading.kind == .uv && reading.formatVersion == "1 (revision 2)")
            #expect(reading.entries.count == 7)
            #expect(reading.entries.map(\.location.line) == [14, 35, 52, 61, 70, 75, 80])
            let app = reading.entries[0]
            #expect(app.editable && app.url == ".")
            let numpy = reading.entries.filter { $0.canonicalName == "numpy" }
            #expect(numpy.map(\.lockedVersion) == ["1.26.4", "2.1.0"])
            #expect(numpy.map { $0.marker?.description } == ["python_full_version < \"3.11\"", "python_full_version >= \"3.11\""])
            #expect(reading.entries[1].hashes == ["sha256:1111", "sha256:2222"])
            #expect(reading.entries[5].url == "git+https://git.example/tool.git?rev=main#0123abcd")
            #expect(reading.directPackages == ["numpy", "httpx", "tool", "sphinx", "pytest"])
            let appEdges = try #require(reading.dependencies?["app"])
            #expect(appEdges.first { $0.name == "httpx" }?.extras == ["http2"])
            #expect(appEdges.filter { $0.name == "numpy" }.map(\.version) == ["1.26.4", "2.1.0"])
            #expect(appEdges.first { $0.name == "sphinx" }?.isOptional == true)
            // h2 is required by httpx unconditionally but not locked; sphinx sits behind an extra;
            // `unversioned` has no version.
            #expect(Set(reading.findings.map(\.rule)) == [.lockMissingPackage, .lockEntryUnpinned])
            #expect(reading.findings.first { $0.rule == .lockMissingPackage }?.package == "h2")
            #expect(reading.findings.first { $0.rule == .lockEntryUnpinned }?.package == "unversioned")
        }
    }

    @Test func pdm45() throws {
        for reading in try Self.read("v45-pdm.lock") {
            #expect(reading.formatVersion == "4.5.0")
            #expect(reading.entries.map(\.extras) == [[], ["toml"]])
            #expect(reading.entries.map(\.location.line) == [12, 22])
            #expect(reading.entries[1].marker != nil && reading.entries[1].hashes == ["sha256:5555"])
            let edges = try #require(reading.dependencies?["coverage"])
            #expect(edges.map(\.name) == ["coverage", "tomli", "missing-dep"])
            #expect(edges[0].version == "7.6.1")
            #expect(reading.findings.map(\.package) == ["missing-dep"])
        }
    }

    @Test func pdm40WithMetadataFiles() throws {
        for reading in try Self.read("v40-pdm.lock") {
            #expect(reading.formatVersion == "4.0")
            #expect(reading.entries.map(\.hashes) == [["sha256:6666"], ["sha256:7777"]])
            #expect(reading.findings.isEmpty)
        }
    }

    @Test(arguments: ["pylock.toml", "pylock.dev.toml"])
    func pylock(_ name: String) throws {
        for reading in try Self.read(name) {
            #expect(reading.kind == .pylock && reading.formatVersion == "1.0")
            #expect(reading.entries.map(\.name) == ["anyio", "colorama", "myproject", "vcsdep"])
            #expect(reading.entries.map(\.location.line) == [5, 12, 18, 22])
            #expect(reading.entries[0].hashes == ["sha256:8888", "sha256:9999"])
            #expect(reading.entries[1].marker?.description == "sys_platform == \"win32\"")
            #expect(reading.entries[2].editable && reading.entries[2].lockedVersion == nil)
            #expect(reading.entries[3].url == "git+https://git.example/vcsdep.git@fedcba")
            #expect(reading.dependencies == nil)
            #expect(reading.findings.isEmpty)
        }
    }

    @Test func malformedFilesGiveParseErrorsWithLines() throws {
        let toml = try Self.read("broken-uv.lock")[0]
        #expect(toml.findings.map(\.rule) == [.parseError])
        #expect(toml.findings[0].location?.line == 6)
        let json = try Self.read("broken-Pipfile.lock")[0]
        #expect(json.findings.map(\.rule) == [.parseError])
        #expect(json.entries.isEmpty)
    }

    @Test func rootProjectIsNotReportedMissing() throws {
        let text = try SourceFixtures.text("lockfiles/v2-poetry.lock")
        let reading = LockfileParser.parse(path: "poetry.lock", text: text, projectNames: ["MarkupSafe"])
        #expect(reading.findings.isEmpty)
        #expect(LockfileProjectName.names(pyprojectText: "[project]\nname = \"My_App\"\n") == ["my-app"])
    }

    @Test func sourceReadingCarriesEntriesAndFindings() throws {
        let reading = try Self.read("uv.lock")[0].sourceReading
        #expect(reading.files == ["uv.lock"] && reading.entries.count == 7 && reading.findings.count == 2)
    }
}
