import Foundation
import PinAuditCore
import Testing

/// The in-tree build backend (pyproject.toml, python/), fed a stand-in binary: a shell script that
/// answers `--version`. Fast, so these run whenever python3 is there; the release binary's wheel is
/// tested in WheelInstallTests.
@Suite struct WheelBackendTests {
    static let root = ReleaseBuild.packageRoot
    static let tools = ["python3", "sha256sum"]
    static let runs = ReleaseTestGate.runs(slow: false, needing: tools)
    static let reason = Comment(rawValue: ReleaseTestGate.skipReason(slow: false, needing: tools))

    /// An executable that says `version` to `--version`, as a binary of that version would.
    static func standInBinary(version: String) throws -> URL {
        let url = try ReleaseBuild.scratchFolder("stand-in").appendingPathComponent("pinaudit")
        try Data("#!/bin/sh\nif [ \"$1\" = --version ]; then echo \(version); else echo \"stand-in for pinaudit: $*\"; fi\n".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return url
    }

    @Test(.enabled(if: runs, reason))
    func wheelInstallsTheBinaryAsAScriptWithAVerifiedRecord() throws {
        try ReleaseTestGate.requireTools(Self.tools)
        let binary = try Self.standInBinary(version: PinAuditVersion.current)
        let built = try PythonEnvironment.buildWheel(of: Self.root, environment: ["PINAUDIT_PREBUILT_BINARY": binary.path])
        #expect(built.result.status == 0, "\(built.result)")
        let wheel = try #require(built.wheels.first)
        let version = PinAuditVersion.current
        #expect(wheel.lastPathComponent.hasPrefix("pinaudit-\(version)-py3-none-"))
        #if os(Linux)
        // Not manylinux: the binary links the system's libcurl (see the README).
        #expect(wheel.lastPathComponent.hasPrefix("pinaudit-\(version)-py3-none-linux_"))
        #endif

        let files = try WheelFiles(unpacking: wheel)
        let distInfo = "pinaudit-\(version).dist-info"
        #expect(files.paths == ["\(distInfo)/METADATA", "\(distInfo)/RECORD", "\(distInfo)/WHEEL", "pinaudit-\(version).data/scripts/pinaudit"].sorted())
        #expect(try files.recordProblems(recordPath: "\(distInfo)/RECORD") == [])
        #expect(try files.data("pinaudit-\(version).data/scripts/pinaudit") == Data(contentsOf: binary))
        let wheelHeaders = try files.headers("\(distInfo)/WHEEL")
        #expect(wheelHeaders["Root-Is-Purelib"] == ["false"])
        // The tag inside matches the file name's.
        let fileTag = wheel.deletingPathExtension().lastPathComponent.split(separator: "-").suffix(3).joined(separator: "-")
        #expect(wheelHeaders["Tag"] == [fileTag])
        let metadata = try files.headers("\(distInfo)/METADATA")
        #expect(metadata["Name"] == ["pinaudit"])
        #expect(metadata["Version"] == [version])

        // pip installs the script executable, into the environment's bin.
        let environment = try PythonEnvironment.create()
        try environment.pip(["install", wheel.path])
        let answer = try environment.runInstalled("pinaudit", ["--version"], in: environment.folder)
        #expect(answer.status == 0)
        #expect(answer.stdout == "\(version)\n")
    }

    /// pinaudit looks for `[tool.pinaudit]` in a pyproject.toml from the working directory upward: the
    /// packaging one at the root must not configure anything (the end-to-end tests run from there too).
    @Test func rootPyprojectConfiguresNothing() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("pyproject.toml"), encoding: .utf8)
        #expect(try ConfigurationParser.parse(text, file: "pyproject.toml") == nil)
        let examples = try CLIRunner.run(["check", "--no-index", "examples/requirements.txt"], in: Self.root)
        #expect(examples.status == 0, "\(examples.stdout)\(examples.stderr)")
        #expect(!examples.stderr.contains("pyproject.toml"))
    }

    @Test(.enabled(if: runs, reason))
    func backendRefusesABinaryOfAnotherVersion() throws {
        try ReleaseTestGate.requireTools(Self.tools)
        let binary = try Self.standInBinary(version: "99.0.0")
        // Named through pip's config settings (`-C binary=PATH`), the other way the README offers.
        let built = try PythonEnvironment.buildWheel(of: Self.root, options: ["-C", "binary=\(binary.path)"], environment: ["PINAUDIT_PREBUILT_BINARY": nil])
        #expect(built.result.status != 0)
        #expect(built.wheels.isEmpty)
        #expect(built.result.output.contains("--version says '99.0.0', but the sources say \(PinAuditVersion.current): pack the binary built from these sources."))
    }

    @Test(.enabled(if: runs, reason))
    func backendSaysWhatToDoWithoutABinaryOrASwiftToolchain() throws {
        try ReleaseTestGate.requireTools(Self.tools)
        let missing = try PythonEnvironment.buildWheel(of: Self.root, environment: ["PINAUDIT_PREBUILT_BINARY": "/no/such/pinaudit"])
        #expect(missing.result.status != 0)
        #expect(missing.result.output.contains("PINAUDIT_PREBUILT_BINARY=/no/such/pinaudit is not an executable file"))

        // The backend itself, called as a frontend would, with no swift on PATH.
        let out = try ReleaseBuild.scratchFolder("no-swift")
        // The interpreter itself: python3 on PATH may be a shell script (pyenv) that needs PATH.
        let python = try ExternalCommand.expectSuccess("python3", ["-c", "import sys; print(sys.executable)"], in: out)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let call = try ExternalCommand(python, ["-c", "import sys; sys.path.insert(0, 'python'); import pinaudit_build_backend as b; b.build_wheel(sys.argv[1])", out.path],
                                       in: Self.root, environment: ["PATH": "/nonexistent", "PINAUDIT_PREBUILT_BINARY": nil]).run()
        #expect(call.status != 0)
        #expect(call.stderr.contains("Building pinaudit from source needs a Swift toolchain (`swift` on PATH) and libcurl's headers."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)
    }

    @Test(.enabled(if: runs, reason))
    func sourceDistributionHoldsWhatTheBuildNeeds() throws {
        try ReleaseTestGate.requireTools(Self.tools)
        let out = try ReleaseBuild.scratchFolder("sdist")
        let built = try ExternalCommand.expectSuccess("python3", ["-c", "import sys; sys.path.insert(0, 'python'); import pinaudit_build_backend as b; print(b.build_sdist(sys.argv[1]))", out.path], in: Self.root)
        let base = "pinaudit-\(PinAuditVersion.current)"
        #expect(built.stdout == "\(base).tar.gz\n")
        let listing = try ExternalCommand.expectSuccess("python3", ["-c", "import sys, tarfile; print('\\n'.join(tarfile.open(sys.argv[1]).getnames()))", out.appendingPathComponent("\(base).tar.gz").path], in: out)
        let names = Set(listing.stdout.split(separator: "\n").map(String.init))
        for needed in ["PKG-INFO", "pyproject.toml", "Package.swift", "scripts/build-release.sh", "python/pinaudit_build_backend.py",
                       "python/pinaudit_wheel.py", "Sources/pinaudit/PinAudit.swift", "Tests/TestSupport/FakeIndex.swift"] {
            #expect(names.contains("\(base)/\(needed)"), "the sdist lacks \(needed)")
        }
        #expect(!names.contains { $0.contains(".build") || $0.contains("__pycache__") })
        // A wheel builds from the unpacked sdist (here with a stand-in binary: the backend's part).
        try ExternalCommand.expectSuccess("python3", ["-c", "import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])",
                                                      out.appendingPathComponent("\(base).tar.gz").path, out.path], in: out)
        let binary = try Self.standInBinary(version: PinAuditVersion.current)
        let wheel = try PythonEnvironment.buildWheel(of: out.appendingPathComponent(base), environment: ["PINAUDIT_PREBUILT_BINARY": binary.path])
        #expect(wheel.result.status == 0, "\(wheel.result)")
        #expect(wheel.wheels.count == 1)
        // Every target folder of Package.swift is there, so `swift build` can start from the sdist.
        for target in ["PythonPackaging", "PinAuditCore", "PackageIndexClient", "CCurlShim", "CZlibShim", "CAllocatorShim", "CCurl", "CLibCrypto", "pinaudit"] {
            #expect(names.contains { $0.hasPrefix("\(base)/Sources/\(target)/") }, "the sdist lacks Sources/\(target)")
        }
    }
}
