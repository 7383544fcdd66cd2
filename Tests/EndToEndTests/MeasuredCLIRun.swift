import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `pinaudit` as `CLIRunner` does, but waits for it with `wait4`, so the test
/// learns how it ended (exit code or signal), how long it took and its peak resident memory.
///
/// The peak is the process's `VmHWM` (its own memory's high-water mark), read from `/proc`
/// every few milliseconds until it exits. `ru_maxrss` cannot serve: `posix_spawn` starts the
/// child in the test process's memory (vfork), and the kernel counts that memory's high-water
/// mark into the child's `ru_maxrss` at `exec`, so it reports the test process's size.
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
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["PINAUDIT_CACHE_DIR"] = directory.appendingPathComponent(".cache").path
        for (key, value) in environment { env[key] = value }
        let outPath = directory.appendingPathComponent(".stdout-\(UUID().uuidString)").path
        let errPath = directory.appendingPathComponent(".stderr-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        // The shell changes to the folder and replaces itself with pinaudit (same process).
        let shell = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path, CLIRunner.binary.path]
        let argv = (shell + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "posix_spawn failed: \(spawned)"]) }

        var status: Int32 = 0
        var usage = rusage()
        var peakKilobytes = 0
        while true {
            peakKilobytes = max(peakKilobytes, highWaterMark(pid))
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0 && errno != EINTR { break }
            if Date().timeIntervalSince(start) > timeout { kill(pid, SIGKILL) }
            usleep(5_000)
        }
        let seconds = Date().timeIntervalSince(start)
        // WIFEXITED / WTERMSIG, spelled out: the macros do not import.
        let signal = status & 0x7F
        let exited = signal == 0
        return MeasuredCLIRun(
            exitCode: exited ? (status >> 8) & 0xFF : nil, signal: exited ? nil : signal, seconds: seconds,
            peakRSSMegabytes: Double(peakKilobytes) / 1024,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// `VmHWM` of a running process, in KiB (0 once it has exited).
    private static func highWaterMark(_ pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// "exit 3 in 12.3 s, 41 MB" for messages and the notes.
    var summary: String {
        let end = exitCode.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
        return "\(end) in \(String(format: "%.1f", seconds)) s, peak RSS \(String(format: "%.0f", peakRSSMegabytes)) MB"
    }
}
