import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `pinaudit` once and measures it: how it ended (exit status or signal), its wall time
/// and its own peak RSS (from `wait4`, so other tests' children running at the same time do not count).
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

    static func run(_ arguments: [String], in directory: URL, timeout: Double = 60) throws -> MeasuredRun {
        let outPath = directory.appendingPathComponent(".measured-stdout").path
        let errPath = directory.appendingPathComponent(".measured-stderr").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["PINAUDIT_CACHE_DIR"] = directory.appendingPathComponent(".cache").path
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
        while true {
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if waited == -1 && errno != EINTR { break }
            if Date().timeIntervalSince(started) > timeout && !timedOut {
                kill(pid, SIGKILL)
                timedOut = true
            }
            usleep(5_000)
        }
        let seconds = Date().timeIntervalSince(started)
        // WIFEXITED / WTERMSIG are macros Swift does not import: the low 7 bits hold the signal.
        let signal = status & 0x7F
        return MeasuredRun(
            exitStatus: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal,
            seconds: seconds, peakRSS: Int(usage.ru_maxrss) * 1024,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "", timedOut: timedOut)
    }
}
