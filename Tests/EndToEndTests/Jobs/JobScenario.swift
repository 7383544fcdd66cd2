import Foundation
import Testing

/// The end-to-end tests of the jobs (plan's exit contract, the cron example, the workflows, the action,
/// the README's recipes), one at a time: each spawns shells, `pinaudit` runs and a loopback index,
/// and running them all at once on a small machine starves the timing-sensitive transport tests that
/// run beside them.
@Suite(.serialized) struct JobTests {}

/// The package index through the life of a scheduled report: the first week (updates to report), a
/// week with a new release, and a week where the index fails for one package. Each is its own
/// loopback server, so a cached answer of one week cannot hide the next one's release.
enum JobScenario {
    static let requirements = "flask==2.0.1\nwerkzeug==2.0.2\nclick==8.0.1\n"

    /// flask has a patch update, click a minor one.
    static func firstWeek() throws -> IndexScenario {
        try IndexScenario([
            "flask": [IndexScenario.Release(version: "2.0.1", requires: ["werkzeug>=2.0", "click>=7.1"]),
                      IndexScenario.Release(version: "2.0.3", requires: ["werkzeug>=2.0", "click>=7.1"])],
            "werkzeug": [IndexScenario.Release(version: "2.0.2")],
            "click": [IndexScenario.Release(version: "8.0.1"), IndexScenario.Release(version: "8.1.0")],
        ])
    }

    /// As the first week, and click 8.1.1 is out.
    static func newRelease() throws -> IndexScenario {
        try IndexScenario([
            "flask": [IndexScenario.Release(version: "2.0.1", requires: ["werkzeug>=2.0", "click>=7.1"]),
                      IndexScenario.Release(version: "2.0.3", requires: ["werkzeug>=2.0", "click>=7.1"])],
            "werkzeug": [IndexScenario.Release(version: "2.0.2")],
            "click": [IndexScenario.Release(version: "8.0.1"), IndexScenario.Release(version: "8.1.0"), IndexScenario.Release(version: "8.1.1")],
        ])
    }

    /// The new-release index, answering 503 for werkzeug every time: the plan is incomplete (exit 3).
    /// `Retry-After: 0` lets pinaudit's retries come at once, so the runs do not wait out its backoff.
    static func failingIndex() throws -> IndexScenario {
        let index = try newRelease()
        index.server.server.inject(.status(503, retryAfter: "0"), at: "/pypi/werkzeug/json", times: 1000)
        index.server.server.inject(.status(503, retryAfter: "0"), at: "/pypi/werkzeug/2.0.2/json", times: 1000)
        return index
    }

    /// A folder holding `pinaudit` (a link to the debug binary the tests run), for what the action's
    /// cache restores: the tests do not build a release binary, they put this one where the cache would.
    static func binaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pinaudit-bin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("pinaudit"), withDestinationURL: CLIRunner.binary)
        return folder
    }

    /// A copy of the bundled `cache/` snapshot (the example's index answers), for offline runs.
    static func bundledCache() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("pinaudit-cache-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: RepositoryFiles.url("cache"), to: copy)
        return copy
    }

    static var examplesRequirements: String {
        get throws { try String(contentsOf: RepositoryFiles.url("examples/requirements.txt"), encoding: .utf8) }
    }
}
