import TestSupport
import Foundation
import Testing
import PinAuditCore
import TOMLKit

/// Times parsing the largest corpus lockfile. Runs only when `PINAUDIT_BENCH` is set (see
/// `scripts/bench-lockfiles.sh`, which runs it in a release build) and the corpus is present.
@Suite struct LockfileBenchmarkTests {
    static let path = SharedFolder.file("corpus/lockfiles/logfire-forked-markers-uv.lock")
    static var enabled: Bool {
        ProcessInfo.processInfo.environment["PINAUDIT_BENCH"] != nil && FileManager.default.fileExists(atPath: path)
    }

    @Test(.enabled(if: enabled))
    func parsesLogfireUVLockQuickly() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        var timings: [Double] = []
        var entries = 0
        for _ in 0..<15 {
            let start = ContinuousClock.now
            let reading = LockfileParser.parse(path: Self.path, text: text)
            let elapsed = ContinuousClock.now - start
            entries = reading.entries.count
            timings.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        timings.sort()
        var tomlOnly: [Double] = []
        for _ in 0..<7 {
            let start = ContinuousClock.now
            _ = try TOMLTable(string: text)
            let elapsed = ContinuousClock.now - start
            tomlOnly.append(Double(elapsed.components.attoseconds) / 1e15)
        }
        print("BENCH TOMLKit alone: \(tomlOnly.sorted()[3]) ms")
        let median = timings[timings.count / 2]
        print("BENCH logfire uv.lock (\(text.utf8.count) bytes, \(entries) entries): median \(String(format: "%.1f", median)) ms, min \(String(format: "%.1f", timings[0])) ms, max \(String(format: "%.1f", timings.last!)) ms")
        #expect(entries == 273)
    }
}
