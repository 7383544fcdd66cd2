import Foundation

/// A fresh virtual environment (`python3 -m venv`), into which the tests install pinaudit's wheel.
struct PythonEnvironment {
    let folder: URL

    /// Creates the environment; offline, since venv seeds pip from the copy Python ships.
    static func create() throws -> PythonEnvironment {
        let folder = try ReleaseBuild.scratchFolder("venv")
        try ExternalCommand.expectSuccess("python3", ["-m", "venv", folder.path], in: folder)
        return PythonEnvironment(folder: folder)
    }

    var bin: URL { folder.appendingPathComponent("bin") }

    /// Runs pip of this environment without the index: everything it installs is local.
    @discardableResult
    func pip(_ arguments: [String], environment: [String: String?] = [:]) throws -> ExternalCommand.Result {
        try ExternalCommand.expectSuccess(bin.appendingPathComponent("pip").path,
                                          [arguments[0], "--no-index", "--no-cache-dir", "--disable-pip-version-check"] + arguments.dropFirst(),
                                          in: folder, environment: environment)
    }

    /// Builds a wheel of the package at `source` with pip (through pinaudit's in-tree backend) into a fresh folder.
    static func buildWheel(of source: URL, options: [String] = [], environment: [String: String?] = [:]) throws -> (result: ExternalCommand.Result, wheels: [URL]) {
        let out = try ReleaseBuild.scratchFolder("wheelhouse")
        let result = try ExternalCommand("python3", ["-m", "pip", "wheel", "--no-index", "--no-deps", "--no-cache-dir",
                                                     "--disable-pip-version-check", "-w", out.path] + options + [source.path],
                                         in: out, environment: environment, timeout: 45 * 60).run()
        let wheels = (try? FileManager.default.contentsOfDirectory(at: out, includingPropertiesForKeys: nil))?
            .filter { $0.pathExtension == "whl" } ?? []
        return (result, wheels)
    }

    /// Runs a program from this environment's `bin` with an almost empty environment (no
    /// LD_LIBRARY_PATH, no toolchain on PATH), in `directory`.
    func runInstalled(_ program: String, _ arguments: [String], in directory: URL) throws -> ExternalCommand.Result {
        try ExternalCommand("env", ["-i", "PATH=/usr/bin:/bin", "HOME=\(folder.path)", "NO_COLOR=1",
                                    bin.appendingPathComponent(program).path] + arguments, in: directory).run()
    }
}
