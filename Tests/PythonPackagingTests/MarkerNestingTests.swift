import Testing
@testable import PythonPackaging

/// Parentheses in markers nest at most `MarkerParser.maximumNesting` deep: deeper input is a parse
/// error, not a stack overflow.
@Suite struct MarkerNestingTests {
    static func nested(_ levels: Int) -> String {
        String(repeating: "(", count: levels) + "python_version > \"3\"" + String(repeating: ")", count: levels)
    }

    @Test func theLimitIsReadAndEvaluated() throws {
        let marker = try Marker(Self.nested(MarkerParser.maximumNesting))
        #expect(marker.evaluate(.target(pythonVersion: "3.12", platform: .linux), extras: []))
        #expect(try Marker(marker.description) == marker)
    }

    @Test(arguments: [MarkerParser.maximumNesting + 1, 100_000])
    func deeperIsAParseError(_ levels: Int) {
        #expect {
            try Marker(Self.nested(levels))
        } throws: { error in
            "\(error)".contains("arentheses nest more than \(MarkerParser.maximumNesting) deep")
        }
        #expect(throws: PackagingParseError.self) { try Requirement("flask==1.0; " + Self.nested(levels)) }
    }
}
