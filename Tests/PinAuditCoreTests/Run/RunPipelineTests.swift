import PinAuditCore
import Testing
import TestSupport

/// The run as a library: typed stages over in-memory files and the fake index.
@Suite struct RunPipelineTests {
    static var flaskIndex: FakeIndex {
        var index = FakeIndex()
        index.add("flask", "3.0.3", requires: ["werkzeug>=3"])
        index.add("werkzeug", "3.0.4")
        return index
    }

    @Test func withoutTheIndexTheFilesAloneDecideAndNoIndexIsOpened() async throws {
        let observer = RecordingObserver()
        let (pipeline, connector) = RunPipeline.fake(["requirements.txt": "flask>=2\nrequests==2.31.0\n"], observer: observer)
        let result = try await pipeline.run(RunRequest(command: .check, flags: .reading("requirements.txt"), useIndex: false))
        #expect(result.report.command == "check")
        #expect(result.report.packages == nil)
        #expect(result.report.findings.map(\.rule) == [.unpinned])
        #expect(result.report.findings.first?.location == SourceLocation(file: "requirements.txt", line: 1))
        #expect(result.exitStatus == 1)
        #expect(observer.filesRead == [["requirements.txt"]])
        #expect(observer.finished.isEmpty)
        #expect(connector.requests.isEmpty)
    }

    @Test func failOnComesFromTheFlagThenTheConfigurationThenTheDefault() async throws {
        let files = ["requirements.txt": "flask>=2\n", "/project/.pinaudit.toml": "fail-on = \"never\"\n"]
        let (pipeline, _) = RunPipeline.fake(files)
        let configured = try await pipeline.run(RunRequest(command: .check, flags: .reading("requirements.txt"), useIndex: false))
        #expect(configured.settings.failOn == .never)
        #expect(configured.exitStatus == 0)

        var flags = RunFlags.reading("requirements.txt")
        flags.failOn = .error
        let flagged = try await pipeline.run(RunRequest(command: .check, flags: flags, useIndex: false))
        #expect(flagged.exitStatus == 1)

        let (bare, _) = RunPipeline.fake(["requirements.txt": "flask>=2\n"])
        let defaulted = try await bare.run(RunRequest(command: .check, flags: .reading("requirements.txt"), useIndex: false))
        #expect(defaulted.settings.failOn == .error)
        #expect(defaulted.exitStatus == 1)
    }

    @Test func targetsComeFromTheFlagThenTheConfigurationThenTheDefault() throws {
        var configuration = Configuration.defaults
        configuration.pythonVersions = ["3.11"]
        configuration.platforms = [.macos]
        let configured = RunSettings.resolve(RunFlags(), configuration: configuration, environment: [:]).targets(implied: "3.9")
        #expect(configured.labels == ["python 3.11 on macos"])

        var flags = RunFlags()
        flags.pythonVersions = ["3.10"]
        flags.platforms = [.windows]
        let flagged = RunSettings.resolve(flags, configuration: configuration, environment: [:]).targets(implied: "3.9")
        #expect(flagged.labels == ["python 3.10 on windows"])

        let implied = RunSettings.resolve(RunFlags(), configuration: .defaults, environment: [:]).targets(implied: "3.9")
        #expect(implied.labels == ["python 3.9 on linux"])
        let defaulted = RunSettings.resolve(RunFlags(), configuration: .defaults, environment: [:]).targets(implied: nil)
        #expect(defaulted.pythons == ["3.12"])
    }

    @Test func theIndexIsOpenedWithTheResolvedSettingsAndTheFilesOwnIndex() async throws {
        let files = ["requirements.txt": "--extra-index-url https://extra.invalid/simple\nflask==3.0.3\nwerkzeug==3.0.4\n",
                     "/project/.pinaudit.toml": "index-url = \"https://configured.invalid/simple\"\n"]
        let observer = RecordingObserver()
        let (pipeline, connector) = RunPipeline.fake(files, connection: FakeIndexConnection(index: Self.flaskIndex), observer: observer)
        let result = try await pipeline.run(RunRequest(command: .check, flags: .reading("requirements.txt")))
        #expect(connector.requests.map(\.indexURL) == ["https://configured.invalid/simple"])
        #expect(connector.requests.first?.requirementsExtraIndexURLs == ["https://extra.invalid/simple"])
        #expect(result.report.packages?.map(\.name).sorted() == ["flask", "werkzeug"])
        #expect(result.report.findings.isEmpty)
        #expect(result.exitStatus == 0)
        #expect(observer.finished.map(\.packages) == [2])

        var flags = RunFlags.reading("requirements.txt")
        flags.indexURL = "https://flag.invalid/simple"
        _ = try await pipeline.run(RunRequest(command: .check, flags: flags))
        #expect(connector.requests.last?.indexURL == "https://flag.invalid/simple")
    }

    @Test func aBadIndexLimitStopsOnlyARunThatAsksTheIndex() async throws {
        let environment = [IndexLimits.Setting.deadline.environmentVariable: "soon"]
        let files = ["requirements.txt": "flask==3.0.3\n"]
        let (pipeline, _) = RunPipeline.fake(files, connection: FakeIndexConnection(index: Self.flaskIndex), environment: environment)
        let offline = try await pipeline.run(RunRequest(command: .check, flags: .reading("requirements.txt"), useIndex: false))
        #expect(offline.exitStatus == 0)
        await #expect(throws: InputFailure.self) {
            _ = try await pipeline.run(RunRequest(command: .check, flags: .reading("requirements.txt")))
        }
    }

    @Test func dependencyConfusionIsFoundThroughTheConnection() async throws {
        var connection = FakeIndexConnection(index: Self.flaskIndex)
        connection.severalIndexes = ["werkzeug": ["https://a.invalid/simple", "https://b.invalid/simple"]]
        let (pipeline, _) = RunPipeline.fake(["requirements.txt": "flask==3.0.3\nwerkzeug==3.0.4\n"], connection: connection)
        let result = try await pipeline.run(RunRequest(command: .check, flags: .reading("requirements.txt")))
        let finding = try #require(result.report.findings.first { $0.rule == .dependencyConfusion })
        #expect(finding.package == "werkzeug")
        #expect(finding.severity == .warning)
        #expect(finding.location == SourceLocation(file: "requirements.txt", line: 2))
        #expect(finding.message.contains("https://a.invalid/simple, https://b.invalid/simple"))
        #expect(result.exitStatus == 0)
    }

    @Test func auditMergesTheServicesAnswersAndAFailingServiceMakesTheRunIncomplete() async throws {
        var connection = FakeIndexConnection(index: Self.flaskIndex)
        connection.services = [
            FixedVulnerabilityService(answer: .success(["werkzeug": [Vulnerability(id: "PYSEC-0000-1", fixedIn: ["3.0.5"])]])),
            FixedVulnerabilityService(name: "down", answer: .failure(VulnerabilityServiceFailure(service: "OSV", reason: "the run is offline"))),
        ]
        let (pipeline, _) = RunPipeline.fake(["requirements.txt": "flask==3.0.3\nwerkzeug==3.0.4\n"], connection: connection)
        let result = try await pipeline.run(RunRequest(command: .audit, flags: .reading("requirements.txt")))
        let vulnerable = try #require(result.report.findings.first { $0.rule == .vulnerable })
        #expect(vulnerable.package == "werkzeug")
        #expect(vulnerable.message.contains("PYSEC-0000-1"))
        let failure = try #require(result.report.findings.first { $0.rule == .indexError })
        #expect(failure.message.hasPrefix("OSV could not be asked about the pinned packages (the run is offline)"))
        #expect(result.report.incomplete)
        #expect(result.exitStatus == 1)

        connection.services = [connection.services[1]]
        let (failing, _) = RunPipeline.fake(["requirements.txt": "flask==3.0.3\nwerkzeug==3.0.4\n"], connection: connection)
        let incomplete = try await failing.run(RunRequest(command: .audit, flags: .reading("requirements.txt")))
        #expect(incomplete.exitStatus == 3)
    }

    /// The newest release the audit names is the newest for the Python the run targets: the flag's
    /// over the configuration's.
    @Test func theAuditsNewestFollowsThePythonVersionFlagOverTheConfiguration() async throws {
        var index = FakeIndex()
        index.add("tool", "1.0")
        index.add("tool", "2.0", requiresPython: ">=3.12")
        let files = ["requirements.txt": "tool==1.0\n", "/project/.pinaudit.toml": "python-versions = [\"3.9\"]\n"]
        let (configured, _) = RunPipeline.fake(files, connection: FakeIndexConnection(index: index))
        let byConfiguration = try await configured.run(RunRequest(command: .audit, flags: .reading("requirements.txt")))
        #expect(byConfiguration.report.packages?.first?.latest == "1.0")
        var flags = RunFlags.reading("requirements.txt")
        flags.pythonVersions = ["3.12"]
        let (flagged, _) = RunPipeline.fake(files, connection: FakeIndexConnection(index: index))
        let byFlag = try await flagged.run(RunRequest(command: .audit, flags: flags))
        #expect(byFlag.report.packages?.first?.latest == "2.0")
        #expect(byFlag.report.findings.contains { $0.rule == .outdated && $0.package == "tool" })
    }

    @Test func nothingToReadIsAnInputFailureNamingTheCommand() async throws {
        let (pipeline, _) = RunPipeline.fake(["notes.md": "# nothing\n"])
        await #expect(throws: InputFailure.self) {
            _ = try await pipeline.run(RunRequest(command: .audit, flags: RunFlags()))
        }
        do {
            _ = try await pipeline.run(RunRequest(command: .audit, flags: RunFlags()))
        } catch let failure as InputFailure {
            #expect(failure.description.contains("`pinaudit audit requirements.txt`"))
        }
    }

    @Test func planBuildsOnTheRunAndItsExitStatusFollowsTheContract() async throws {
        var index = Self.flaskIndex
        index.add("werkzeug", "3.0.6")
        let (pipeline, _) = RunPipeline.fake(["requirements.txt": "flask==3.0.3\nwerkzeug==3.0.4\n"], connection: FakeIndexConnection(index: index))
        let result = try await pipeline.run(RunRequest(command: .plan, flags: .reading("requirements.txt")))
        let plan = try await result.plan()
        #expect(plan.steps.flatMap(\.moves).map(\.name) == ["werkzeug"])
        #expect(result.planExitStatus(plan, failWhenPending: true) == 1)
        #expect(result.planExitStatus(plan, failWhenPending: false) == 0)
        #expect(ExitStatus.ofPlan(hasSteps: false, incomplete: true, failWhenPending: true) == 3)
    }
}
