import TestSupport
import Foundation
import Testing
@testable import PinAuditCore

/// Reads the shared corpus Dockerfiles when present (skips otherwise) and checks the key findings
/// its SOURCES.md describes.
@Suite struct DockerfileCorpusTests {
    static let folder = SharedFolder.file("corpus/dockerfiles")
    static var corpusPresent: Bool { FileManager.default.fileExists(atPath: folder) }

    static func read(_ name: String) throws -> (DockerfileReading, [Finding]) {
        let path = folder + "/" + name
        let reading = DockerfileParser.parse(path: path, text: try String(contentsOfFile: path, encoding: .utf8))
        return (reading, DockerfileAnalysis.findings(for: reading))
    }

    static func rules(_ findings: [Finding]) -> Set<Rule> { Set(findings.map(\.rule)) }

    @Test(.enabled(if: corpusPresent))
    func everyCorpusDockerfileReadsWithoutParseErrors() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix("Dockerfile") }
        #expect(names.count >= 8)
        for name in names {
            let (reading, _) = try Self.read(name)
            #expect(reading.findings.isEmpty, "\(name): \(reading.findings.map(\.message))")
            #expect(!reading.stages.isEmpty, "\(name)")
        }
    }

    @Test(.enabled(if: corpusPresent))
    func pythonLatest() throws {
        let (reading, findings) = try Self.read("dollarapi-python-latest.Dockerfile")
        #expect(Self.rules(findings) == [.unpinnedImage, .dockerLayerCaching, .dockerRootUser])
        #expect(reading.referencedFiles.map(\.contextPath) == ["requirements.txt"])
        #expect(reading.impliedPythonVersion == nil)
    }

    @Test(.enabled(if: corpusPresent))
    func floatingTagCopyAllUnpinnedPip() throws {
        let (reading, findings) = try Self.read("gcp-appengine-tasks-copy-all-unpinned-pip.Dockerfile")
        // `python:3.14` pins the minor version only: the floating-tag warning, as for `python:3.12`
        // (SOURCES.md calls it "floating"); `unpinned-image` is for `python`, `latest` and `3`.
        #expect(Self.rules(findings) == [.imageTagFloating, .dockerLayerCaching, .dockerRootUser])
        #expect(reading.entries.map(\.name) == ["Flask", "gunicorn"])
        #expect(reading.entries.allSatisfy { $0.pinnedVersion == nil && $0.origin == .dockerfile && $0.location.line == 25 })
    }

    @Test(.enabled(if: corpusPresent))
    func python3WithUnpinnedInstalls() throws {
        let (reading, findings) = try Self.read("simple-loadbalancer-python3-pip-install-flask.Dockerfile")
        #expect(Self.rules(findings) == [.unpinnedImage, .dockerRootUser])
        #expect(reading.entries.map(\.name) == ["flask", "requests"])
        #expect(reading.entries.map(\.location.line) == [3, 4])
    }

    @Test(.enabled(if: corpusPresent))
    func socorroDigestAndNonRootUser() throws {
        let (reading, findings) = try Self.read("socorro-digest-hashed-nonroot.Dockerfile")
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(reading.stages.first?.platform == "linux/amd64")
        #expect(reading.impliedPythonVersion == "3.11")
        #expect(reading.referencedFiles.map(\.contextPath) == ["requirements.txt"])
    }

    @Test(.enabled(if: corpusPresent))
    func poetryDigestOnlyFromInstallsFromTheLock() throws {
        let (reading, findings) = try Self.read("poetry-pipeline-digest-only-from.Dockerfile")
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(reading.entries.map { $0.pinnedVersion } == ["1.7.0"])
        #expect(reading.lockInstalls.map(\.line) == [38])
        #expect(reading.impliedPythonVersion == nil)
    }

    @Test(.enabled(if: corpusPresent))
    func checkovMinorTagAndUnusedUser() throws {
        let (reading, findings) = try Self.read("checkov-k8s-user-created-never-used.Dockerfile")
        #expect(Self.rules(findings) == [.imageTagFloating, .dockerRootUser])
        #expect(reading.referencedFiles.map(\.contextPath) == ["kubernetes/requirements.txt"])
        #expect(reading.impliedPythonVersion == "3.11")
    }

    @Test(.enabled(if: corpusPresent))
    func pipConstraintFromTheEnvironment() throws {
        let (reading, findings) = try Self.read("gh-action-pypi-publish-pip-constraint-env.Dockerfile")
        #expect(Self.rules(findings) == [.imageTagFloating, .dockerRootUser])
        let files = reading.referencedFiles.map { "\($0.role.rawValue) \($0.contextPath ?? "-") \($0.viaEnvironment)" }
        #expect(Set(files) == [
            "constraints requirements/runtime-prerequisites.txt true", "requirements requirements/runtime-prerequisites.in false",
            "constraints requirements/runtime.txt true", "requirements requirements/runtime.in false",
        ])
        #expect(reading.impliedPythonVersion == "3.12")
    }

    @Test(.enabled(if: corpusPresent))
    func warehouseMultistage() throws {
        let (reading, findings) = try Self.read("warehouse-multistage-pinned-tag.Dockerfile")
        #expect(reading.stages.map(\.name) == ["static-deps", "static", "base", "docs", nil])
        #expect(reading.stages.last?.baseStage == 2)
        #expect(Self.rules(findings) == [.dockerRootUser])
        #expect(findings.first?.location?.line == reading.stages.last?.line)
        #expect(reading.impliedPythonVersion == "3.14")
    }
}
