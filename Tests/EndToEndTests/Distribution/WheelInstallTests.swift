import Foundation
import PinAuditCore
import Testing

/// The README's install recipes with the release binary: a wheel built from the checkout (the backend
/// runs scripts/build-release.sh) installed into a fresh virtual environment, `pip install .`,
/// `pipx install .` and `uv tool install .`. Each installed pinaudit then runs without the toolchain.
@Suite struct WheelInstallTests {
    static let root = ReleaseBuild.packageRoot

    /// A folder with a pinned and a loose requirements file.
    static func project() throws -> URL {
        try CLIRunner.workspace(["pinned.txt": "flask==3.0.3\nclick==8.1.7\n", "loose.txt": "flask>=2.0\n"])
    }

    /// The installed `pinaudit` answers with the sources' version and checks files, in an empty environment.
    static func expectWorkingInstall(_ run: (_ arguments: [String], _ directory: URL) throws -> ExternalCommand.Result) throws {
        let directory = try project()
        let version = try run(["--version"], directory)
        #expect(version.status == 0, "\(version)")
        #expect(version.stdout == "\(PinAuditVersion.current)\n")
        let pinned = try run(["check", "--no-index", "pinned.txt"], directory)
        #expect(pinned.status == 0, "\(pinned)")
        let loose = try run(["check", "--no-index", "loose.txt"], directory)
        #expect(loose.status == 1, "\(loose)")
        #expect(loose.stdout.contains("loose.txt:1: flask: flask is not pinned"))
    }

    static func runsEmpty(_ program: URL) -> (_ arguments: [String], _ directory: URL) throws -> ExternalCommand.Result {
        { arguments, directory in
            try ExternalCommand("env", ["-i", "PATH=/usr/bin:/bin", "HOME=\(directory.path)", "NO_COLOR=1", program.path] + arguments, in: directory).run()
        }
    }

    @Test(.enabled(if: ReleaseTestGate.runs(slow: true, needing: ["python3"]),
                   Comment(rawValue: ReleaseTestGate.skipReason(slow: true, needing: ["python3"]))),
          .timeLimit(.minutes(60)))
    func wheelBuiltFromTheCheckoutInstallsIntoAFreshEnvironment() async throws {
        try ReleaseTestGate.requireTools(["python3"])
        let binary = try await ReleaseBuild.binary()
        // No prebuilt binary: the backend runs scripts/build-release.sh, which finds .build-release up to date.
        let built = try PythonEnvironment.buildWheel(of: Self.root, environment: ["PINAUDIT_PREBUILT_BINARY": nil])
        #expect(built.result.status == 0, "\(built.result)")
        let wheel = try #require(built.wheels.first)
        let files = try WheelFiles(unpacking: wheel)
        #expect(try files.data("pinaudit-\(PinAuditVersion.current).data/scripts/pinaudit") == Data(contentsOf: binary))

        let environment = try PythonEnvironment.create()
        let install = try environment.pip(["install", wheel.path])
        try Self.expectWorkingInstall(Self.runsEmpty(environment.bin.appendingPathComponent("pinaudit")))
        let size = try FileManager.default.attributesOfItem(atPath: wheel.path)[.size] as? Int ?? 0
        print("WheelInstallTests: \(wheel.lastPathComponent) is \(size / 1_000_000) MB; pip installed it into a fresh venv in \(String(format: "%.1f", install.seconds)) s")
    }

    @Test(.enabled(if: ReleaseTestGate.runs(slow: true, needing: ["python3"]),
                   Comment(rawValue: ReleaseTestGate.skipReason(slow: true, needing: ["python3"]))),
          .timeLimit(.minutes(60)))
    func pipInstallsTheCheckout() async throws {
        try ReleaseTestGate.requireTools(["python3"])
        let binary = try await ReleaseBuild.binary()
        let environment = try PythonEnvironment.create()
        try environment.pip(["install", Self.root.path], environment: ["PINAUDIT_PREBUILT_BINARY": binary.path])
        try Self.expectWorkingInstall(Self.runsEmpty(environment.bin.appendingPathComponent("pinaudit")))
    }

    @Test(.enabled(if: ReleaseTestGate.runs(slow: true, needing: ["pipx"]),
                   Comment(rawValue: ReleaseTestGate.skipReason(slow: true, needing: ["pipx"]))),
          .timeLimit(.minutes(60)))
    func pipxInstallsTheCheckout() async throws {
        try ReleaseTestGate.requireTools(["pipx"])
        let binary = try await ReleaseBuild.binary()
        let home = try ReleaseBuild.scratchFolder("pipx")
        try ExternalCommand.expectSuccess("pipx", ["install", Self.root.path], in: home, environment: [
            "PIPX_HOME": home.appendingPathComponent("home").path, "PIPX_BIN_DIR": home.appendingPathComponent("bin").path,
            "PIPX_MAN_DIR": home.appendingPathComponent("man").path,
            "PIP_NO_INDEX": "1", "PIP_NO_CACHE_DIR": "1", "PINAUDIT_PREBUILT_BINARY": binary.path,
        ])
        try Self.expectWorkingInstall(Self.runsEmpty(home.appendingPathComponent("bin/pinaudit")))
    }

    @Test(.enabled(if: ReleaseTestGate.runs(slow: true, needing: ["uv"]),
                   Comment(rawValue: ReleaseTestGate.skipReason(slow: true, needing: ["uv"]))),
          .timeLimit(.minutes(60)))
    func uvToolInstallsTheCheckout() async throws {
        try ReleaseTestGate.requireTools(["uv"])
        let binary = try await ReleaseBuild.binary()
        let home = try ReleaseBuild.scratchFolder("uv")
        try ExternalCommand.expectSuccess("uv", ["tool", "install", "--offline", Self.root.path], in: home, environment: [
            "UV_TOOL_DIR": home.appendingPathComponent("tools").path, "UV_TOOL_BIN_DIR": home.appendingPathComponent("bin").path,
            "UV_CACHE_DIR": home.appendingPathComponent("cache").path, "UV_PYTHON_DOWNLOADS": "never",
            "PINAUDIT_PREBUILT_BINARY": binary.path,
        ])
        try Self.expectWorkingInstall(Self.runsEmpty(home.appendingPathComponent("bin/pinaudit")))
    }
}
