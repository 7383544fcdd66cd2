import Foundation

/// The release binary (`scripts/build-release.sh`), built once per test run and shared by every test
/// that needs it: the binary check, the wheel, the installs and the pre-commit hooks.
enum ReleaseBuild {
    /// The package's root folder: this file is `Tests/EndToEndTests/Distribution/ReleaseBuild.swift`.
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()

    /// A fresh folder in the system's temporary folder, left for the system to clean (as CLIRunner's workspaces).
    static func scratchFolder(_ label: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pinaudit-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private static let build = Task<URL, Error> {
        let out = try scratchFolder("release")
        // A fresh clone compiles everything (minutes); later runs reuse .build-release and only copy.
        let result = try ExternalCommand("bash", ["scripts/build-release.sh", out.path], in: packageRoot, timeout: 45 * 60).run()
        guard result.status == 0 else {
            throw ExternalCommand.Failure(description: "scripts/build-release.sh failed: \(result)")
        }
        print("ReleaseBuild: scripts/build-release.sh took \(Int(result.seconds)) s")
        return out.appendingPathComponent("pinaudit")
    }

    /// The path of the built binary; the first caller builds it, the others wait for that build.
    static func binary() async throws -> URL {
        try await build.value
    }
}
