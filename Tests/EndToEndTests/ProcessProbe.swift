import Foundation

/// Runs a shell script (with `$PINAUDIT` set to the built binary) and reports how it ended: exit
/// status or signal, peak resident memory and time, as the hostile-input tests must check all of
/// them. The memory is the binary's own peak (`VmHWM`), sampled while it runs: `ru_maxrss` would
/// count the test process's memory too, which a spawned child shares until it calls exec.
struct ProcessProbe {
    struct Outcome: CustomStringConvertible {
        var status: Int32?
        var signal: Int32?
        var maxResidentMiB: Double
        var seconds: Double
        var stdout: String
        var stderr: String

        /// Ended by exit (not a signal) with a code pinaudit documents.
        var endedCleanly: Bool { signal == nil && status.map { (0...3).contains($0) } == true }

        var description: String {
            "status \(status.map(String.init) ?? "-"), signal \(signal.map(String.init) ?? "-"), "
                + String(format: "%.0f MiB, %.1f s", maxResidentMiB, seconds) + "\nstdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(2000))"
        }
    }

    /// Runs `/bin/sh -c script` in `directory` with SIGPIPE at its default (the script may ignore it),
    /// killing its process group after `timeout` seconds. The wait happens on a Dispatch thread, so
    /// it does not hold one of the few threads Swift Testing runs the other (async) tests on.
    static func run(_ script: String, in directory: URL, environment: [String: String] = [:], timeout: Double = 60) async throws -> Outcome {
        try await offThePool { try runBlocking(script, in: directory, environment: environment, timeout: timeout) }
    }

    /// Runs `work` on a Dispatch thread and waits for it without blocking the caller's thread.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private static func runBlocking(_ script: String, in directory: URL, environment: [String: String], timeout: Double) throws -> Outcome {
        let out = directory.appendingPathComponent(".probe-\(UUID().uuidString).out").path
        let err = directory.appendingPathComponent(".probe-\(UUID().uuidString).err").path
        defer { unlink(out); unlink(err) }
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["PINAUDIT"] = CLIRunner.binary.path
        env["PINAUDIT_CACHE_DIR"] = directory.appendingPathComponent(".cache").path
        for (key, value) in environment { env[key] = value }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let arguments: [String] = ["/bin/sh", "-c", "cd \"$PROBE_DIR\" && { \(script)\n}"]
        let variables: [String] = env.map { "\($0.key)=\($0.value)" } + ["PROBE_DIR=\(directory.path)"]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw CocoaError(.executableLoad) }

        let start = Date()
        var status: Int32 = 0
        var usage = rusage()
        var peakKiB = 0
        while wait4(pid, &status, WNOHANG, &usage) == 0 {
            peakKiB = max(peakKiB, peakResidentKiB(of: pid))
            if Date().timeIntervalSince(start) > timeout {
                kill(-pid, SIGKILL)
                _ = wait4(pid, &status, 0, &usage)
                break
            }
            usleep(5_000)
        }
        let seconds = Date().timeIntervalSince(start)
        let signalled = status & 0x7f
        let text = { (path: String) in (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
        return Outcome(status: signalled == 0 ? (status >> 8) & 0xff : nil,
                       signal: signalled == 0 ? nil : signalled,
                       maxResidentMiB: Double(peakKiB) / 1024, seconds: seconds,
                       stdout: text(out), stderr: text(err))
    }

    /// The peak resident memory of `pid` once it runs pinaudit (scripts `exec` it), else 0.
    private static func peakResidentKiB(of pid: pid_t) -> Int {
        guard let name = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), name.hasPrefix("pinaudit"),
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") ?? 0
    }
}

extension CLIRunner {
    /// `run`, waited for off Swift Testing's threads (see `ProcessProbe.offThePool`).
    static func runOffPool(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) async throws -> Result {
        try await ProcessProbe.offThePool { try run(arguments, in: directory, environment: environment) }
    }
}
