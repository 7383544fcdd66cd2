import Foundation
import Testing
import TestSupport

/// The built binary against an index that hangs, drips, sends endless or bomb bodies or huge
/// headers: every case ends in `index-error`, an incomplete run and exit 3, without a signal,
/// in bounded time and under 200 MB of resident memory, with default limits. Serialized: the
/// endless bodies keep a core busy, and the suite shares the machine with timing-sensitive tests.
@Suite(.serialized) struct HostileIndexTests {
    static let maxSeconds = 30.0
    static let maxRSS = 200.0

    /// One hostile package (both its documents misbehave) beside a well-behaved one.
    static func run(_ misbehaviour: LoopbackMisbehaviour, command: String = "check", extraArguments: [String] = [],
                    files: [String: String] = [:], environment: [String: String] = [:]) throws -> MeasuredCLIRun {
        let index = try HostileIndexServer()
        index.addProject("calm", version: "1.0")
        index.addProject("hostile", version: "1.0")
        index.misbehave(misbehaviour, for: "hostile")
        var workspace = files
        workspace["requirements.txt"] = workspace["requirements.txt"] ?? "calm==1.0\nhostile==1.0\n"
        let dir = try CLIRunner.workspace(workspace)
        defer { try? FileManager.default.removeItem(at: dir) }
        var env = environment
        env["PINAUDIT_INDEX_URL"] = index.jsonAPIURL
        return try MeasuredCLIRun.run([command, "--format", "json", "requirements.txt"] + extraArguments, in: dir,
                                      environment: env, timeout: 300)
    }

    /// The `index-error` messages of a JSON report.
    static func indexErrors(_ run: MeasuredCLIRun) throws -> [String] {
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        #expect(doc["incomplete"] as? Bool == true)
        let findings = doc["findings"] as? [[String: Any]] ?? []
        return findings.filter { $0["rule"] as? String == "index-error" }.compactMap { $0["message"] as? String }
    }

    static func expectBounded(_ run: MeasuredCLIRun, seconds limit: Double = maxSeconds) {
        #expect(run.signal == nil, "ended by a signal: \(run.summary)\n\(run.stderr)")
        #expect(run.exitCode == 3, "\(run.summary)\n\(run.stdout)\n\(run.stderr)")
        #expect(run.seconds < limit, "\(run.summary)")
        #expect(run.peakRSSMegabytes < maxRSS, "\(run.summary)")
        print("hostile index: \(run.summary)")
    }

    @Test(arguments: [LoopbackMisbehaviour.hangAfterAccept, .hangAfterHeaders, .drip(interval: 0.25)])
    func aHungOrDrippingIndexEndsWithinTheLowSpeedLimit(misbehaviour: LoopbackMisbehaviour) throws {
        let run = try Self.run(misbehaviour)
        Self.expectBounded(run)
        let messages = try Self.indexErrors(run)
        #expect(messages.count == 1, "\(messages)")
        let message = try #require(messages.first)
        #expect(message.contains("skipped hostile"), "\(message)")
        #expect(message.contains("less than 1024 bytes per second for 10 s (the low-speed limit)"), "\(message)")
        #expect(message.contains("after 2 tries"), "\(message)")
        #expect(message.contains("--low-speed-time"), "\(message)")
    }

    @Test(arguments: [LoopbackMisbehaviour.endlessBody, .gzipBomb])
    func anEndlessOrBombBodyStopsAtTheSizeLimit(misbehaviour: LoopbackMisbehaviour) throws {
        for command in ["check", "audit"] {
            let run = try Self.run(misbehaviour, command: command)
            Self.expectBounded(run)
            let message = try #require(try Self.indexErrors(run).first)
            #expect(message.contains("an answer larger than"), "\(message)")
            #expect(message.contains("(the limit for "), "\(message)")
            #expect(message.contains("--max-"), "\(message)")
        }
    }

    @Test func tenEndlessBodiesAtOnceStayBounded() throws {
        let index = try HostileIndexServer()
        let names = (0..<10).map { "endless\($0)" }
        for name in names {
            index.addProject(name, version: "1.0")
            index.misbehave(.endlessBody, for: name)
        }
        let dir = try CLIRunner.workspace(["requirements.txt": names.map { "\($0)==1.0\n" }.joined()])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try MeasuredCLIRun.run(["audit", "--format", "json", "requirements.txt"], in: dir,
                                         environment: ["PINAUDIT_INDEX_URL": index.jsonAPIURL], timeout: 300)
        Self.expectBounded(run)
        #expect(try Self.indexErrors(run).count == 10)
    }

    @Test func hugeHeadersAreRefused() throws {
        let run = try Self.run(.hugeHeaders(bytes: 8 << 20))
        Self.expectBounded(run)
        let message = try #require(try Self.indexErrors(run).first)
        #expect(message.contains("response headers too large"), "\(message)")
    }

    @Test func theLowSpeedTimeIsConfigurableByFlagVariableAndFile() throws {
        let byFlag = try Self.run(.hangAfterAccept, extraArguments: ["--low-speed-time", "1"])
        Self.expectBounded(byFlag, seconds: 8)
        #expect(try Self.indexErrors(byFlag).first?.contains("for 1 s (the low-speed limit)") == true)
        let byVariable = try Self.run(.hangAfterAccept, environment: ["PINAUDIT_LOW_SPEED_TIME": "2s"])
        Self.expectBounded(byVariable, seconds: 12)
        #expect(try Self.indexErrors(byVariable).first?.contains("for 2 s (the low-speed limit)") == true)
        let byFile = try Self.run(.hangAfterAccept, files: [".pinaudit.toml": "[index-limits]\nlow-speed-time = 1\n"])
        Self.expectBounded(byFile, seconds: 8)
        #expect(try Self.indexErrors(byFile).first?.contains("for 1 s (the low-speed limit)") == true)
    }

    @Test func theRunDeadlineCutsSlowRequests() throws {
        // The low-speed check is off, so only the deadline can end the hang.
        let run = try Self.run(.hangAfterAccept, extraArguments: ["--deadline", "2s", "--low-speed-limit", "0"])
        Self.expectBounded(run, seconds: 10)
        let message = try #require(try Self.indexErrors(run).first)
        #expect(message.contains("the run's deadline of 2 s passed"), "\(message)")
        #expect(message.contains("--deadline"), "\(message)")
    }

    @Test func theRequestTimeoutIsNamedWhenItEndsAnAnswer() throws {
        let run = try Self.run(.drip(interval: 0.01), extraArguments: ["--request-timeout", "1"])
        Self.expectBounded(run, seconds: 10)
        let message = try #require(try Self.indexErrors(run).first)
        #expect(message.contains("no complete answer within 1 s (the request timeout)"), "\(message)")
        #expect(message.contains("--request-timeout"), "\(message)")
    }

    @Test func aSizeLimitSetInTheConfigurationApplies() throws {
        // A real (well-behaved) version document of a few hundred bytes, over a 64-byte limit.
        let run = try Self.run(.drip(interval: 0), files: [".pinaudit.toml": "[index-limits]\nmax-version-document-size = 64\nmax-project-document-size = \"64B\"\n"])
        Self.expectBounded(run)
        let messages = try Self.indexErrors(run)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.allSatisfy { $0.contains("an answer larger than 64 bytes (the limit for ") }, "\(messages)")
    }

    @Test func unreadableLimitsAreUsageErrors() throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "calm==1.0\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let flag = try CLIRunner.run(["check", "--deadline", "soon", "requirements.txt"], in: dir)
        #expect(flag.status == 2)
        #expect(flag.stderr.contains("--deadline takes a duration"), "\(flag.stderr)")
        let variable = try CLIRunner.run(["check", "requirements.txt"], in: dir, environment: ["PINAUDIT_MAX_PROJECT_DOCUMENT_SIZE": "huge"])
        #expect(variable.status == 2)
        #expect(variable.stderr.contains("PINAUDIT_MAX_PROJECT_DOCUMENT_SIZE must be a size"), "\(variable.stderr)")
        try Data("[index-limits]\nconnect-timeout = -1\nspeed = 3\n".utf8).write(to: dir.appendingPathComponent(".pinaudit.toml"))
        let file = try CLIRunner.run(["check", "requirements.txt"], in: dir)
        #expect(file.status == 2)
        #expect(file.stderr.contains(".pinaudit.toml:2: index-limits.connect-timeout: expected a duration"), "\(file.stderr)")
        #expect(file.stderr.contains("index-limits.speed: unknown key"), "\(file.stderr)")
    }
}
