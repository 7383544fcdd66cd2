import Testing
@testable import PinAuditCore

/// The configuration reader on hostile shapes: many array-of-tables headers, deep nesting.
@Suite struct ConfigurationLimitsTests {
    /// Every `[[name]]` header reset the counts of all names seen so far: quadratic in the headers.
    @Test func manyArrayHeadersAreIndexedInLinearTime() {
        let count = 20_000
        let text = (0..<count).map { "[[a\($0)]]\nx = 1\n" }.joined()
        var lines: TOMLKeyLines?
        let elapsed = ContinuousClock().measure { lines = TOMLKeyLines(text) }
        #expect(lines?.line(of: "a0[1].x") == 2)
        #expect(lines?.line(of: "a19999[1]") == 2 * count - 1)
        #expect(elapsed < .seconds(10))
    }

    @Test func nestedArrayCountsRestartUnderEachElement() {
        let text = "[[ignore]]\n[[ignore.when]]\n[[ignore.when]]\n[[ignore]]\n[[ignore.when]]\nx = 1\n"
        let lines = TOMLKeyLines(text)
        #expect(lines.line(of: "ignore[1].when[2]") == 3)
        #expect(lines.line(of: "ignore[2].when[1].x") == 6)
    }

    @Test func aDeepHeaderIsRefusedBeforeTheKeyLinesAreBuilt() {
        let text = "[" + Array(repeating: "a", count: 100_000).joined(separator: ".") + "]\n"
        let elapsed = ContinuousClock().measure {
            #expect(throws: ConfigurationError.self) { try ConfigurationParser.parse(text, file: ".pinaudit.toml") }
        }
        #expect(elapsed < .seconds(10))
    }
}
