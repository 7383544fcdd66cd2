import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `pinaudit` once and measures it: how it ended (exit status or signal), its wall time
/// and its own peak RSS.
///
/// The peak is `VmHWM` of `/proc/PID/status`, read every few milliseconds while the child runs (a high-water
/// mark, so only growth in its last moments can be missed). `wait4`'s `ru_maxrss` cannot serve: a child
/// spawned by this test process inherits the test process's own peak (posix_spawn shares its memory until exec).
///
/// Output goes to files in the workspace rather than pipes, so a child that writes a lot cannot block.
struct MeasuredRun {
    /// The exit status, nil when a signal ended the process.
    var exitStatus: Int32?
    /// The signal that ended the process, nil when it exited.
    var signal: Int32?
    var seconds: Double
    /// Peak resident set size in bytes.
    var peakRSS: Int
    var stdout: String
    var stderr: String
    /// Whether the run was killed for passing the timeout.
    var timedOut: Bool

    var peakRSSMegabytes: Double { Double(peakRSS) / (1024 * 1024) }
    var summary: String {
        "exit \(exitStatus.map(String.init) ?? "-") signal \(signal.map(String.init) ?? "-") in \(String(format: "%.1f", seconds)) s, "
            + "\(Int(peakRSSMegabytes)) MB\nstdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(2000))"
    }

    struct SpawnFailed: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "posix_spawn failed with error \(code)" }
    }

    /// `VmHWM` of the running pinaudit in kB; nil once it is gone or while the child is not pinaudit yet.
    static func highWaterMarkKilobytes(_ pid: pid_t) -> Int? {
        // Until exec the child shares this process's memory and would report its peak.
        guard let name = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8),
              name.trimmingCharacters(in: .whitespacesAndNewlines) == CLIRunner.binary.lastPathComponent else { return nil }
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return Int(line.split(separator: " ").dropFirst().first ?? "")
    }

    /// Runs the binary in `directory` with `environment` added (and the workspace's cache); kills it
    /// after `timeout` seconds if it is still running.
    static func run(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:],
                    timeout: Double = 60) throws -> MeasuredRun {
        let outPath = directory.appendingPathComponent(".measured-stdout-\(UUID().uuidString)").path
        let errPath = directory.appendingPathComponent(".measured-stderr-\(UUID().uuidString)").path
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["PINAUDIT_CACHE_DIR"] = directory.appendingPathComponent(".cache").path
        for (key, value) in extra { environment[key] = value }
        // The shell changes into the folder and execs pinaudit (same process, so wait4 measures pinaudit):
        // Glibc's posix_spawn_file_actions_addchdir_np is not visible to Swift.
        let argv = (["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path, CLIRunner.binary.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let started = Date()
        let code = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, envp)
        guard code == 0 else { throw SpawnFailed(code: code) }

        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        var peakKilobytes = 0
        while true {
            if let hwm = highWaterMarkKilobytes(pid) { peakKilobytes = max(peakKilobytes, hwm) }
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if waited == -1 && errno != EINTR { break }
            if Date().timeIntervalSince(started) > timeout && !timedOut {
                kill(pid, SIGKILL)
                timedOut = true
            }
            usleep(2_000)
        }
        let seconds = Date().timeIntervalSince(started)
        // WIFEXITED / WTERMSIG are macros Swift does not import: the low 7 bits hold the signal.
        let signal = status & 0x7F
        return MeasuredRun(
            exitStatus: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal,
            seconds: seconds, peakRSS: peakKilobytes * 1024,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "", timedOut: timedOut)
    }
}
