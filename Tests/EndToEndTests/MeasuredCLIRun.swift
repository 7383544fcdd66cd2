import Foundation

/// `MeasuredRun` as the index's end-to-end tests read it: exit code or signal, time, peak memory in
/// megabytes and a one-line summary (the measuring itself is `MeasuredRun`'s).
struct MeasuredCLIRun {
    var exitCode: Int32?
    var signal: Int32?
    var seconds: Double
    var peakRSSMegabytes: Double
    var stdout: String
    var stderr: String

    /// Starts the binary in `directory` with `environment` added (and the workspace's cache),
    /// kills it after `timeout` seconds if it is still running.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:],
                    timeout: Double = 120) throws -> MeasuredCLIRun {
        let run = try MeasuredRun.run(arguments, in: directory, environment: environment, timeout: timeout)
        return MeasuredCLIRun(exitCode: run.exitStatus, signal: run.signal, seconds: run.seconds,
                              peakRSSMegabytes: run.peakRSSMegabytes, stdout: run.stdout, stderr: run.stderr)
    }

    /// "exit 3 in 12.3 s, 41 MB" for messages and the notes.
    var summary: String {
        let end = exitCode.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
        return "\(end) in \(String(format: "%.1f", seconds)) s, peak RSS \(String(format: "%.0f", peakRSSMegabytes)) MB"
    }
}
