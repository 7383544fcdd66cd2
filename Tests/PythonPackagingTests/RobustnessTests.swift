import Testing
@testable import PythonPackaging

/// Random text never crashes the parsers, and what parses prints back to text that parses the same.
@Suite struct RobustnessTests {
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet: [String] = Array("abcdevrpostlin0123456789.-_+!*=<>~;@[](),'\" \t\n\\".map(String.init))
        + ["é", "\u{00A0}", "\u{2003}", "١", "python_version", "extra", " and ", " or ", " not in ", "===", "~=", "1.0", "dev", "post"]

    static func randomTexts(seed: UInt64, count: Int) -> [String] {
        var rng = SplitMix(state: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...14, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomTextNeverCrashes(seed: UInt64) throws {
        for text in Self.randomTexts(seed: seed, count: 2_500) {
            if let version = Version.parse(text) { #expect(Version.parse(version.description) == version) }
            if let spec = try? Specifier(text) { #expect(try Specifier(spec.description) == spec) }
            _ = try? SpecifierSet(text)
            if let marker = try? Marker(text) {
                _ = marker.evaluate(.target(pythonVersion: "3.12", platform: .linux), extras: ["x"])
                _ = marker.description
            }
            if let requirement = try? Requirement("name" + text) { _ = requirement.description }
            _ = try? Requirement(text)
        }
    }

    @Test func parsesFiveThousandRequirements() throws {
        // Speed is measured by scripts/bench.sh in a release build, not asserted here.
        let texts = (0..<5_000).map { "package-\($0)[extra] >=1.\($0).0, <2.0a1 ; python_version >= '3.8' and sys_platform != 'win32'" }
        let parsed = try texts.map { try Requirement($0) }
        #expect(parsed.count == 5_000)
        #expect(parsed.last?.name == "package-4999")
        #expect(parsed.allSatisfy { $0.marker != nil && $0.specifier.clauses.count == 2 })
    }
}
