import Testing
@testable import PinAuditCore

/// Variable substitution in Dockerfiles is capped per value and in total, and long instructions are
/// read in linear time.
@Suite struct DockerfileExpansionLimitTests {
    static func doubling(levels: Int) -> String {
        "FROM python:3.12\nARG A0=abcdefghijklmnopqrstuvwxyz\n"
            + (1...levels).map { "ARG A\($0)=${A\($0 - 1)}${A\($0 - 1)}\n" }.joined() + "RUN pip install flask==1.0\n"
    }

    @Test func valuesThatDoubleEachOtherStopAtThePerValueCap() {
        let reading = DockerfileParser.parse(path: "Dockerfile", text: Self.doubling(levels: 30))
        // 26 bytes doubled 12 times is 104 KiB: A12 (line 14) is the first value past 64 KiB.
        let first = reading.findings.first
        #expect(first?.rule == .parseError)
        #expect(first?.location?.line == 14)
        #expect(first?.message.contains("line 14 of Dockerfile") == true)
        #expect(first?.message.contains("more than 64 KiB") == true)
        #expect(reading.entries.map(\.name) == ["flask"])
    }

    @Test func valuesUnderTheCapAreExpandedAndNothingIsReported() {
        let reading = DockerfileParser.parse(path: "Dockerfile", text: Self.doubling(levels: 11))
        #expect(reading.findings.isEmpty)
    }

    @Test func theTotalIsReportedOnceAndThenNothingIsExpanded() {
        let budget = DockerfileExpansionBudget(perValueLimit: 100, totalLimit: 250)
        var variables = DockerfileVariables(budget: budget)
        variables.set("A", String(repeating: "x", count: 60))
        #expect(variables.expand("$A") == String(repeating: "x", count: 60))
        #expect(budget.takeMessage(file: "Dockerfile", line: 3) == nil)
        #expect(variables.expand("$A$A") == "$A$A")  // 120 bytes: over the value cap, kept as written
        #expect(budget.takeMessage(file: "Dockerfile", line: 4)?.contains("line 4 of Dockerfile") == true)
        #expect(variables.expand("$A") == String(repeating: "x", count: 60))
        #expect(variables.expand("$A") == "$A")  // 60 + 120 + 60 + 60 passes 250
        #expect(budget.takeMessage(file: "Dockerfile", line: 6)?.contains("in all by line 6") == true)
        #expect(variables.expand("${A}") == "${A}")
        #expect(budget.takeMessage(file: "Dockerfile", line: 7) == nil)
    }

    /// Found by fuzzing: `ARG =` (and a `--mount` field of `=`) trapped on an empty split.
    @Test func declarationsWithoutANameAreSkipped() {
        let text = "ARG =\nARG =x A=1\nFROM python:3.12\nARG = B=$A\nRUN --mount=type=bind,=,target=/r pip install flask==$B\n"
        let reading = DockerfileParser.parse(path: "Dockerfile", text: text)
        #expect(reading.entries.map(\.name) == ["flask"])
        #expect(reading.entries.first?.requirement?.specifier.description == "==1")
    }

    @Test func aLongValueOfDefaultsStopsAtThePerValueCap() {
        var variables = DockerfileVariables()
        variables.set("B", "b")
        // A `${` ends at the first `}`: the default word keeps its inner `${A:-` as text.
        #expect(variables.expand("${A:-${A:-$B}}") == "${A:-b}")
        let long = String(repeating: "${A:-", count: 20_000) + "$B" + String(repeating: "}", count: 20_000)
        #expect(variables.expand(long) == long)  // 100 KB of output: kept as written
        #expect(variables.budget.takeMessage(file: "Dockerfile", line: 2)?.contains("more than 64 KiB") == true)
    }

    @Test func manyUnclosedBracesAreReadInLinearTime() {
        let text = String(repeating: "${", count: 200_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(DockerfileVariables().expand(text).count == text.count) }
        #expect(elapsed < .seconds(10))
    }

    @Test func aLongContinuationKeepsEveryWordsLine() {
        let count = 5_000
        let text = "FROM python:3.12\nRUN pip install \\\n" + (0..<count).map { "    pkg\($0)==1.0 \\\n" }.joined() + "    last==1.0\n"
        let clock = ContinuousClock()
        var reading: DockerfileReading?
        let elapsed = clock.measure { reading = DockerfileParser.parse(path: "Dockerfile", text: text) }
        #expect(reading?.entries.count == count + 1)
        #expect(reading?.entries.first?.location.line == 3)
        #expect(reading?.entries.last?.location.line == count + 3)
        #expect(elapsed < .seconds(20))
    }
}
