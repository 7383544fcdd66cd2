import Foundation

extension WorkflowRunner {
    /// Runs a `run:` block as GitHub's default shell on Linux does (`bash --noprofile --norc -eo pipefail`),
    /// and reads what it wrote to `GITHUB_OUTPUT`.
    func runScript(_ script: String, env base: [String: String], actionPath: URL?, label: String) async throws -> (Int32, [String: String]) {
        let id = UUID().uuidString
        let scriptFile = runnerTemp.appendingPathComponent("step-\(id).sh")
        let outputFile = runnerTemp.appendingPathComponent("output-\(id)")
        let logFile = runnerTemp.appendingPathComponent("log-\(id)")
        try Data(script.utf8).write(to: scriptFile)
        try Data().write(to: outputFile)
        FileManager.default.createFile(atPath: logFile.path, contents: nil)

        var env = base
        env["GITHUB_ENV"] = envFile.path
        env["GITHUB_PATH"] = pathFile.path
        env["GITHUB_OUTPUT"] = outputFile.path
        env["GITHUB_STEP_SUMMARY"] = summaryFile.path
        env["GITHUB_WORKSPACE"] = workspace.path
        env["RUNNER_TEMP"] = runnerTemp.path
        env["RUNNER_OS"] = "Linux"
        env["RUNNER_ARCH"] = "X64"
        if let actionPath { env["GITHUB_ACTION_PATH"] = actionPath.path }
        let added = try String(contentsOf: pathFile, encoding: .utf8).split(separator: "\n").reversed().map(String.init)
        env["PATH"] = (added + [env["PATH"] ?? "/usr/bin:/bin"]).joined(separator: ":")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["--noprofile", "--norc", "-eo", "pipefail", scriptFile.path]
        process.currentDirectoryURL = workspace
        process.environment = env
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let status = try await ShellScript.wait(for: process, timeout: 180)
        try handle.close()
        log += "== \(label) (exit \(status))\n" + (try String(contentsOf: logFile, encoding: .utf8))
        return (status, try Self.keyValues(String(contentsOf: outputFile, encoding: .utf8)))
    }

    /// What the steps so far wrote to `GITHUB_ENV`.
    func exportedEnvironment() throws -> [String: String] {
        try Self.keyValues(String(contentsOf: envFile, encoding: .utf8))
    }

    /// `KEY=value` lines and `KEY<<DELIMITER` blocks, as GitHub reads its environment and output files.
    static func keyValues(_ text: String) throws -> [String: String] {
        var values: [String: String] = [:]
        var lines = text.components(separatedBy: "\n")[...]
        while let line = lines.popFirst() {
            if line.isEmpty { continue }
            if let marker = line.range(of: "<<"), !line[..<marker.lowerBound].contains("=") {
                let delimiter = String(line[marker.upperBound...])
                var body: [String] = []
                while let next = lines.popFirst(), next != delimiter { body.append(next) }
                values[String(line[..<marker.lowerBound])] = body.joined(separator: "\n")
            } else if let equals = line.firstIndex(of: "=") {
                values[String(line[..<equals])] = String(line[line.index(after: equals)...])
            } else {
                throw WorkflowRunError("a line GitHub would reject in an environment or output file: \(line)")
            }
        }
        return values
    }
}
