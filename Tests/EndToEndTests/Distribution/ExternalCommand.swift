import Foundation

/// Runs another program (python3, pip, pre-commit, git, the release scripts) and captures its output,
/// for the tests of how pinaudit is built and installed.
struct ExternalCommand {
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
        var output: String { stdout + stderr }
        var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// The error of a program that could not be started, or ran past its time.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    var executable: String
    var arguments: [String]
    var directory: URL
    /// Added to (or replacing) this process's environment; a nil value removes the variable.
    var environment: [String: String?] = [:]
    var timeout: TimeInterval = 600

    init(_ executable: String, _ arguments: [String], in directory: URL, environment: [String: String?] = [:], timeout: TimeInterval = 600) {
        self.executable = executable
        self.arguments = arguments
        self.directory = directory
        self.environment = environment
        self.timeout = timeout
    }

    func run() throws -> Result {
        let process = Process()
        // Through env, so that a bare name is looked up on PATH as a shell would.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = directory
        var merged = ProcessInfo.processInfo.environment
        merged["NO_COLOR"] = "1"
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        do { try process.run() } catch { throw Failure(description: "cannot start \(executable): \(error)") }
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box(), errBox = Box()
        let group = DispatchGroup()
        group.enter(); DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { errBox.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let deadline = start.addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        group.wait()
        let result = Result(status: process.terminationStatus, stdout: String(decoding: outBox.data, as: UTF8.self),
                            stderr: String(decoding: errBox.data, as: UTF8.self), seconds: Date().timeIntervalSince(start))
        if timedOut { throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) ran longer than \(Int(timeout)) s\n\(result)") }
        return result
    }

    /// Runs and returns the result, recording a test failure (with the output) unless it exited 0.
    @discardableResult
    static func expectSuccess(_ executable: String, _ arguments: [String], in directory: URL,
                              environment: [String: String?] = [:], timeout: TimeInterval = 600) throws -> Result {
        let result = try ExternalCommand(executable, arguments, in: directory, environment: environment, timeout: timeout).run()
        if result.status != 0 {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed: \(result)")
        }
        return result
    }
}
