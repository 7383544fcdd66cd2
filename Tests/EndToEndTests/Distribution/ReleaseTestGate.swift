import Foundation

/// When the tests of the release binary, the wheel and the pre-commit hooks run.
///
/// The slow ones (a release build takes minutes) run when `CI=true` or `PINAUDIT_TEST_RELEASE=1`;
/// the fast ones whenever their tools are there. A test that needs an external tool skips with a
/// visible reason when the tool is missing, except under `CI=true`, where `.ci/run` installs every
/// tool: there a missing tool fails the test.
enum ReleaseTestGate {
    static let environment = ProcessInfo.processInfo.environment
    static let isCI = environment["CI"] == "true"
    static let slowTestsRequested = isCI || environment["PINAUDIT_TEST_RELEASE"] == "1"

    /// The tool's path on PATH, or nil.
    static func path(of tool: String) -> String? {
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func missing(_ tools: [String]) -> [String] { tools.filter { path(of: $0) == nil } }

    /// Whether a test that needs `tools` (and, when `slow`, a release build) runs.
    static func runs(slow: Bool, needing tools: [String]) -> Bool {
        if isCI { return true }
        if slow && !slowTestsRequested { return false }
        return missing(tools).isEmpty
    }

    /// Why such a test is skipped, shown by `swift test`.
    static func skipReason(slow: Bool, needing tools: [String]) -> String {
        var reasons: [String] = []
        if slow && !slowTestsRequested {
            reasons.append("slow (a release build): runs when CI=true or PINAUDIT_TEST_RELEASE=1")
        }
        let absent = missing(tools)
        if !absent.isEmpty { reasons.append("needs \(absent.joined(separator: ", ")) on PATH") }
        return reasons.isEmpty ? "runs" : reasons.joined(separator: "; ")
    }

    /// Fails (under CI, where this test was not skipped for it) when a tool is missing.
    static func requireTools(_ tools: [String]) throws {
        let absent = missing(tools)
        guard absent.isEmpty else {
            throw ExternalCommand.Failure(description: "\(absent.joined(separator: ", ")) not on PATH: under CI=true every tool is required (.ci/run installs them).")
        }
    }
}
