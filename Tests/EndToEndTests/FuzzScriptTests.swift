import Foundation
import Testing

/// `scripts/fuzz.sh`, the README's fuzzing recipe: its target list matches the harness, it refuses a
/// bad target with a usage message, and (when `PINAUDIT_FUZZ_SMOKE=1`: it builds the whole package in
/// release mode with `-sanitize=fuzzer`, minutes of work) it runs a target to libFuzzer's final stats.
@Suite struct FuzzScriptTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let script = repository.appendingPathComponent("scripts/fuzz.sh")

    static func run(_ arguments: [String], timeout: TimeInterval = 60) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The raw values of `FuzzTarget`'s cases, read from the harness's source.
    static func harnessTargets() throws -> Set<String> {
        let source = try String(contentsOf: repository.appendingPathComponent("Fuzz/Sources/PinAuditFuzz/FuzzTarget.swift"), encoding: .utf8)
        var names: Set<String> = []
        for line in source.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("case ") && !line.contains(":") {
            for item in line.trimmingCharacters(in: .whitespaces).dropFirst(5).split(separator: ",") {
                let parts = item.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                names.insert(parts.count == 2 ? parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) : parts[0])
            }
        }
        return names
    }

    @Test func listsEveryTargetOfTheHarness() throws {
        let result = try Self.run(["--list"])
        #expect(result.status == 0, "\(result.output)")
        let listed = Set(result.output.split(separator: "\n").map(String.init))
        #expect(listed == (try Self.harnessTargets()))
        #expect(listed.isSuperset(of: ["requirements", "dockerfile", "uv-lock", "poetry-lock", "pdm-lock", "pylock",
                                       "pipfile-lock", "project-document"]))
    }

    @Test(arguments: [["nonsense", "10"], ["requirements"], ["requirements", "ten"]])
    func refusesBadArgumentsWithUsage(_ arguments: [String]) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 2)
        #expect(result.output.contains("usage: scripts/fuzz.sh TARGET SECONDS"))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["PINAUDIT_FUZZ_SMOKE"] == "1",
                   "set PINAUDIT_FUZZ_SMOKE=1 to build the fuzz harness (release, -sanitize=fuzzer) and run it"))
    func runsATargetForAFixedBudget() throws {
        let result = try Self.run(["requirements", "5"], timeout: 1800)
        #expect(result.status == 0, "\(result.output.suffix(3000))")
        #expect(result.output.contains("stat::number_of_executed_units"), "\(result.output.suffix(3000))")
    }
}
