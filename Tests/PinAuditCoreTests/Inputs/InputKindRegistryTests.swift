import PinAuditCore
import Testing
import TestSupport

@Suite struct InputKindRegistryTests {
    /// Every registered kind, reached by a file name of its own.
    @Test(arguments: [
        ("requirements.txt", "requirements"), ("uv.lock", "lockfile"), ("prod-poetry.lock", "lockfile"), ("pylock.dev.toml", "lockfile"),
        ("pyproject.toml", "declarations"), ("Pipfile", "declarations"), ("Dockerfile", "dockerfile"), ("api.Dockerfile", "dockerfile"),
        ("Containerfile", "dockerfile"), ("requirements-uv.lock.txt", "requirements"),
    ])
    func aFileNameReachesItsKind(fileName: String, kind: String) {
        #expect(InputKindRegistry.kind(of: "deploy/" + fileName).name == kind)
    }

    @Test func everyRegisteredKindIsReachable() {
        let samples = ["requirements.txt", "uv.lock", "pyproject.toml", "Dockerfile"]
        #expect(Set(samples.map { InputKindRegistry.kind(of: $0).name }) == Set(InputKindRegistry.kinds.map(\.name)))
        #expect(InputKindRegistry.kinds.last?.name == "requirements")
    }

    @Test func discoveryFindsEveryKindAndSplitsConstraints() {
        let files = InMemoryRunFileSystem([
            "requirements.txt": "", "requirements/dev.txt": "", "constraints.txt": "", "notes.txt": "", "uv.lock": "",
            "pyproject.toml": "", "docker/Dockerfile": "", ".venv/requirements.txt": "", "env/pyvenv.cfg": "",
            "env/requirements.txt": "", "deep/inner/requirements-test.txt": "",
        ])
        let (requirements, constraints) = InputDiscovery(fileSystem: files).discover()
        #expect(requirements == ["deep/inner/requirements-test.txt", "docker/Dockerfile", "pyproject.toml", "requirements/dev.txt",
                                 "requirements.txt", "uv.lock"])
        #expect(constraints == ["constraints.txt"])
    }

    @Test func theDockerfileKindReadsTheFilesItInstalls() throws {
        let files = InMemoryRunFileSystem([
            "Dockerfile": "FROM python:3.11.9-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n",
            "requirements.txt": "flask==3.0.3\n",
        ])
        let reading = try InputReader(fileSystem: files, environment: [:]).read(["Dockerfile"])
        #expect(reading.files == ["Dockerfile", "requirements.txt"])
        #expect(reading.entries.compactMap(\.canonicalName) == ["flask"])
        #expect(reading.impliedPythonVersion == "3.11")
    }

    @Test func aFolderOrAMissingFileIsAnInputFailure() {
        let files = InMemoryRunFileSystem(["sub/requirements.txt": ""])
        #expect(throws: InputFailure.self) { try InputReader(fileSystem: files, environment: [:]).read(["sub"]) }
        #expect(throws: InputFailure.self) { try InputReader(fileSystem: files, environment: [:]).read(["missing.txt"]) }
    }
}
