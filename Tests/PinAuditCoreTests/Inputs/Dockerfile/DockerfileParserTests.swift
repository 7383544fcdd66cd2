import Testing
@testable import PinAuditCore

@Suite struct DockerfileParserTests {
    /// The fixture as written and with CRLF endings, parsed and analysed.
    static func read(_ name: String) throws -> [(DockerfileReading, [Finding])] {
        try SourceFixtures.variants("dockerfiles/" + name).map { text in
            let reading = DockerfileParser.parse(path: "ctx/" + name, text: text)
            return (reading, DockerfileAnalysis.findings(for: reading))
        }
    }

    @Test func heredocs() throws {
        for (reading, findings) in try Self.read("heredoc.Dockerfile") {
            #expect(reading.findings.isEmpty)
            #expect(reading.instructions.map(\.keyword) == ["FROM", "RUN", "RUN", "RUN", "USER"])
            #expect(reading.instructions.map(\.line) == [1, 2, 7, 10, 14])
            #expect(reading.instructions[1].heredocs.first?.lines.count == 3)
            #expect(reading.instructions[2].heredocs.first?.isQuoted == true)
            #expect(reading.entries.map(\.name) == ["requests", "httpx", "rich"])
            #expect(reading.entries.map(\.location.line) == [4, 5, 8])
            #expect(reading.pipInstalls.map(\.command) == ["pip", "python -m pip", "uv pip"])
            // The third heredoc is data for `cat`, not a script.
            #expect(!reading.entries.contains { $0.name == "notapackage" })
            #expect(findings.isEmpty)
            #expect(reading.impliedPythonVersion == "3.12")
        }
    }

    @Test func continuationsCommentsAndOptions() throws {
        for (reading, findings) in try Self.read("continuation.Dockerfile") {
            #expect(reading.instructions.map(\.keyword) == ["FROM", "WORKDIR", "COPY", "RUN", "USER", "EXPOSE"])
            #expect(reading.instructions[3].line == 4 && reading.instructions[3].endLine == 11)
            #expect(reading.pipInstalls.count == 2)
            let first = reading.pipInstalls[0]
            #expect(first.command == "pip3.11" && first.line == 5)
            #expect(first.indexURL == "https://index.example/simple")
            #expect(first.options == ["-U", "--target /opt/libs"])
            #expect(first.entries.map(\.name) == ["six"] && first.entries[0].location.line == 9)
            #expect(reading.pipInstalls[1].command == "/usr/local/bin/pip")
            #expect(reading.pipInstalls[1].entries.map(\.name) == ["attrs"])
            #expect(reading.referencedFiles.map(\.contextPath) == ["requirements/base.txt", "requirements/constraints.txt"])
            #expect(reading.referencedFiles.map(\.path) == ["ctx/requirements/base.txt", "ctx/requirements/constraints.txt"])
            #expect(reading.referencedFiles.map(\.line) == [10, 11])
            #expect(reading.referencedFiles.map(\.role) == [.requirements, .constraints])
            #expect(findings.map(\.rule) == [.dockerPrivilegedPort])
            #expect(findings.first?.location?.line == 13)
            let source = DockerfileAnalysis.sourceReading(for: reading)
            #expect(source.options.indexURL == "https://index.example/simple" && source.entries.count == 2)
        }
    }

    @Test func escapeDirective() throws {
        for (reading, _) in try Self.read("escape.Dockerfile") {
            #expect(reading.directives["escape"] == "`")
            #expect(reading.instructions.map(\.keyword) == ["FROM", "RUN", "USER"])
            #expect(reading.entries.map(\.name) == ["pywin32"] && reading.entries[0].location.line == 4)
        }
    }

    @Test func argumentsInFromAndMultistage() throws {
        for (reading, findings) in try Self.read("args-multistage.Dockerfile") {
            #expect(reading.stages.map { $0.image?.text } == ["python:3.12-slim", nil, "docker.io/library/python:3.12.4-alpine3.20"])
            #expect(reading.stages.map(\.name) == ["build", "test", nil])
            #expect(reading.stages[1].baseStage == 0 && reading.stages[0].platform == "linux/amd64")
            // ENV PIP_CONSTRAINT applies to the stage and to the stage built on it.
            let files = reading.referencedFiles.map { "\($0.role.rawValue) \($0.contextPath ?? "-") \($0.viaEnvironment)" }
            #expect(files == ["requirements requirements.txt false", "constraints constraints.txt true", "constraints constraints.txt true"])
            let last = try #require(reading.pipInstalls.last)
            #expect(last.command == "python3 -m pip" && last.localInstalls == [".", "./dist/app.whl"])
            #expect(last.entries.map(\.name) == ["flask"])
            #expect(Set(findings.map(\.rule)) == [.imageTagFloating, .dockerAlpine, .dockerLayerCaching, .dockerRootUser])
            #expect(findings.first { $0.rule == .dockerRootUser }?.location?.line == 15)
            #expect(reading.impliedPythonVersion == "3.12")
        }
    }

    @Test func execFormAndLockInstalls() throws {
        for (reading, findings) in try Self.read("exec-form.Dockerfile") {
            #expect(reading.instructions[1].execForm == ["pip", "install", "click==8.1.7"])
            #expect(reading.entries.map(\.pinnedVersion) == ["8.1.7"])
            #expect(reading.lockInstalls.map(\.command) == ["poetry install --no-root", "pipenv install --deploy"])
            #expect(Set(findings.map(\.rule)) == [.unpinnedImage, .dockerRootUser])
        }
    }

    @Test func crlfDigestAndWorkdirResolution() throws {
        for (reading, findings) in try Self.read("crlf.Dockerfile") {
            #expect(reading.instructions.map(\.line) == [1, 2, 3, 4, 6])
            #expect(reading.referencedFiles.first?.contextPath == "requirements.txt")
            #expect(reading.referencedFiles.first?.line == 5)
            #expect(findings.isEmpty)
            #expect(reading.impliedPythonVersion == "3.13")
        }
    }

    @Test(arguments: [
        ("python", DockerImageReference.PinLevel.unpinned), ("python:latest", .unpinned), ("python:3", .unpinned),
        ("python:3-slim", .unpinned), ("python:slim", .unpinned), ("python:3.12", .minorOnly),
        ("python:3.12-slim", .minorOnly), ("python:3.12.7-slim-bookworm", .patch), ("python@sha256:abc", .digest),
        ("library/python:3.12.7@sha256:abc", .digest),
    ])
    func imagePinLevels(_ text: String, _ level: DockerImageReference.PinLevel) {
        let image = DockerImageReference(text)
        #expect(image.isOfficialPython)
        #expect(image.pinLevel == level)
    }

    @Test func otherImagesAreNotPython() {
        #expect(!DockerImageReference("node:20").isOfficialPython)
        #expect(!DockerImageReference("ghcr.io/org/python:3.12").isOfficialPython)
        #expect(DockerImageReference("localhost:5000/python:3.12").registry == "localhost:5000")
    }

    @Test func variableExpansion() {
        var variables = DockerfileVariables()
        variables.set("A", "1")
        #expect(variables.expand("x${A}y$A-${B:-def}-${A:+alt}-${B:+alt}") == "x1y1-def-alt-")
        #expect(variables.expand("$B", keepUnknown: true) == "$B")
    }
}
