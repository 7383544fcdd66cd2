import Foundation

/// Runs a shell script (a docs example) as its users would: `sh SCRIPT ARGS` with the given environment.
enum ShellScript {
    static func run(_ script: URL, arguments: [String], in directory: URL, environment: [String: String],
                    shell: String = "/bin/sh", timeout: TimeInterval = 180) async throws -> CLIRunner.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = [script.path] + arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (key, value) in environment { if value.isEmpty { env.removeValue(forKey: key) } else { env[key] = value } }
        process.environment = env
        let outFile = directory.appendingPathComponent(".script-stdout-\(UUID().uuidString)")
        let errFile = directory.appendingPathComponent(".script-stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outFile); try? FileManager.default.removeItem(at: errFile) }
        let out = try FileHandle(forWritingTo: outFile), err = try FileHandle(forWritingTo: errFile)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let status = try await wait(for: process, timeout: timeout)
        try out.close(); try err.close()
        return CLIRunner.Result(status: status, stdout: try String(contentsOf: outFile, encoding: .utf8),
                                stderr: try String(contentsOf: errFile, encoding: .utf8))
    }

    /// Starts `process` and returns its exit status (terminating it after `timeout` seconds), waiting
    /// without holding a thread of the concurrency pool: blocking the pool's few threads (one per core)
    /// would stall the timing-sensitive async tests that run beside the job tests.
    static func wait(for process: Process, timeout: TimeInterval) async throws -> Int32 {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, Error>) in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if process.isRunning { process.terminate() }
            }
        }
    }
}
