import Foundation
import Testing

extension JobTests {
    /// `docs/cron-example.sh` as cron would run it, against the loopback index week after week.
    @Suite struct CronExampleTests {
        /// One project and its report folder, and a way to run the script on them.
        struct CronSetup {
            let project: URL
            let reports: URL
            let cache: URL

            init(requirements: String) throws {
                project = try CLIRunner.workspace(["requirements.txt": requirements])
                reports = project.appendingPathComponent("reports")
                cache = project.appendingPathComponent("cache")
            }

            /// The report folder of the project: the script names it after the project folder.
            var projectReports: URL { reports.appendingPathComponent(project.lastPathComponent) }

            func run(_ index: IndexScenario?, arguments: [String] = []) async throws -> CLIRunner.Result {
                var env = ["PINAUDIT": CLIRunner.binary.path, "PINAUDIT_REPORT_DIR": reports.path,
                           "PINAUDIT_CACHE_DIR": cache.path, "PINAUDIT_INDEX_URL": ""]
                if let index { env.merge(index.environment) { $1 } }
                return try await ShellScript.run(RepositoryFiles.url("docs/cron-example.sh"), arguments: [project.path] + arguments,
                                           in: project, environment: env)
            }

            func file(_ name: String) throws -> String {
                try String(contentsOf: projectReports.appendingPathComponent(name), encoding: .utf8)
            }

            /// Every file of the report folder and its bytes, to prove a run changed nothing.
            func snapshot() throws -> [String: Data] {
                var files: [String: Data] = [:]
                for name in try FileManager.default.contentsOfDirectory(atPath: projectReports.path) {
                    files[name] = try Data(contentsOf: projectReports.appendingPathComponent(name))
                }
                return files
            }
        }

        @Test func reportsOnceThenOnlyWhenThePlanChangesAndPublishesAPartialPlan() async throws {
            let setup = try CronSetup(requirements: JobScenario.requirements)

            let first = try await setup.run(try JobScenario.firstWeek())
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            #expect(first.stdout.contains("new plan"), "\(first.stdout)")
            let report = try setup.file("latest.md")
            #expect(report.contains("flask") && report.contains("2.0.3") && report.contains("8.1.0"), "\(report)")
            let fingerprint = try setup.file("fingerprint").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(fingerprint.count == 64)
            #expect(report.contains("pinaudit-plan-fingerprint: \(fingerprint)"))
            #expect(try setup.file("latest.json").contains("\"fingerprint\": \"\(fingerprint)\""))

            let before = try setup.snapshot()
            let second = try await setup.run(try JobScenario.firstWeek())
            #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
            #expect(second.stdout.contains("plan unchanged (\(fingerprint))"), "\(second.stdout)")
            #expect(try setup.snapshot() == before, "a run with the same plan must leave the reports alone")

            let third = try await setup.run(try JobScenario.newRelease())
            #expect(third.status == 0, "\(third.stdout)\(third.stderr)")
            #expect(third.stdout.contains("new plan"), "\(third.stdout)")
            let updated = try setup.file("latest.md")
            #expect(updated.contains("8.1.1"), "\(updated)")
            let newFingerprint = try setup.file("fingerprint").trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(newFingerprint != fingerprint)

            let failing = try await setup.run(try JobScenario.failingIndex())
            #expect(failing.status == 0, "exit 3 still publishes: \(failing.stdout)\(failing.stderr)")
            #expect(failing.stdout.contains("new partial plan"), "\(failing.stdout)")
            let partial = try setup.file("latest.md")
            #expect(partial.contains("Partial plan"), "\(partial)")
            #expect(partial.contains("werkzeug") && partial.contains("503"), "the plan names the skipped package: \(partial)")
            #expect(try setup.file("latest.json").contains("\"incomplete\": true"))
        }

        @Test func aPlanWithoutUpdatesWritesNoReport() async throws {
            let setup = try CronSetup(requirements: "flask==2.0.3\nwerkzeug==2.0.2\nclick==8.1.0\n")
            let run = try await setup.run(try JobScenario.firstWeek())
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
            #expect(run.stdout.contains("no updates pending"), "\(run.stdout)")
            #expect(!FileManager.default.fileExists(atPath: setup.projectReports.appendingPathComponent("latest.md").path))
        }

        @Test func unreadableInputStopsWithPlansExitCode() async throws {
            let setup = try CronSetup(requirements: JobScenario.requirements)
            let run = try await setup.run(try JobScenario.firstWeek(), arguments: ["missing.txt"])
            #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
            #expect(run.stderr.contains("pinaudit plan failed with exit code 2"), "\(run.stderr)")
        }

        @Test func bundledExampleOfflineReportsOnceThenNothing() async throws {
            let setup = try CronSetup(requirements: try JobScenario.examplesRequirements)
            let cache = try JobScenario.bundledCache()
            let arguments = ["--offline", "--cache-dir", cache.path, "requirements.txt"]
            let first = try await setup.run(nil, arguments: arguments)
            #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
            #expect(first.stdout.contains("new plan"), "\(first.stdout)")
            let report = try setup.file("latest.md")
            #expect(report.contains("## Step 1"), "\(report.prefix(600))")
            #expect(!report.contains("Partial plan"), "the bundled cache answers for every package")
            let before = try setup.snapshot()
            let second = try await setup.run(nil, arguments: arguments)
            #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
            #expect(second.stdout.contains("plan unchanged"), "\(second.stdout)")
            #expect(try setup.snapshot() == before)
        }
    }
}
