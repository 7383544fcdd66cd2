import Testing
@testable import PythonPackaging

@Suite struct MarkerTests {
    @Test(arguments: MarkerTables.evaluation)
    func evaluatesLikePackaging(_ row: (marker: String, python: String, platform: MarkerEnvironment.Platform, expected: String)) throws {
        let marker = try Marker(row.marker)
        let env = MarkerEnvironment.target(pythonVersion: row.python, platform: row.platform)
        for (extras, expected) in zip(MarkerTables.extras, row.expected) {
            if expected == "E" {
                #expect(throws: MarkerEvaluationError.self, "\(row.marker) with \(extras)") {
                    try marker.evaluateStrictly(env, extras: extras)
                }
            } else {
                #expect(try marker.evaluateStrictly(env, extras: extras) == (expected == "T"), "\(row.marker) with \(extras)")
                #expect(marker.evaluate(env, extras: extras) == (expected == "T"))
            }
        }
    }

    @Test(arguments: MarkerTables.spellings)
    func printsLikePackaging(_ row: (text: String, normalized: String)) throws {
        let marker = try Marker(row.text)
        #expect(marker.description == row.normalized)
    }

    @Test(arguments: MarkerTables.parsing)
    func parsesOrFailsLikePackaging(_ row: MarkerParseCase) {
        do {
            let marker = try Marker(row.text)
            #expect(marker.description == row.normalized)
        } catch let error as PackagingParseError {
            #expect(row.normalized == nil, "packaging accepts it: \(row.normalized ?? "")")
            if let message = row.message {
                #expect(error.message == message)
                #expect(error.underlineStart == row.span?.lowerBound)
                #expect(error.column == row.span?.upperBound)
            }
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test func targetEnvironments() {
        let windows = MarkerEnvironment.target(pythonVersion: "3.12", platform: .windows).values
        #expect(windows["python_full_version"] == "3.12.0")
        #expect(windows["platform_machine"] == "AMD64" && windows["sys_platform"] == "win32" && windows["os_name"] == "nt")
        let mac = MarkerEnvironment.target(pythonVersion: "3.9.18", platform: .macos).values
        #expect(mac["python_version"] == "3.9" && mac["python_full_version"] == "3.9.18" && mac["platform_system"] == "Darwin")
    }

    @Test func referencedExtrasAreCanonical() throws {
        let marker = try Marker("extra == 'Dev_Tools' or (python_version > '3' and extra == \"Test.X\")")
        #expect(marker.referencedExtras == ["dev-tools", "test-x"])
    }

    @Test func combiningKeepsGroups() throws {
        let a = try Marker("os_name == 'nt' or os_name == 'posix'"), b = try Marker("python_version > '3'")
        #expect(a.and(b).description == "(os_name == \"nt\" or os_name == \"posix\") and python_version > \"3\"")
        #expect(a.or(b).description == "(os_name == \"nt\" or os_name == \"posix\") or python_version > \"3\"")
    }

    @Test func lenientEvaluationTreatsUndefinedComparisonsAsFalse() throws {
        let env = MarkerEnvironment.target(pythonVersion: "3.12", platform: .linux)
        #expect(try Marker("os_name ~= 'posix' or python_version > '3'").evaluate(env))
        #expect(throws: MarkerEvaluationError.undefinedVariable("dependency_groups")) {
            try Marker("dependency_groups == 'x'").evaluateStrictly(env)
        }
    }
}
