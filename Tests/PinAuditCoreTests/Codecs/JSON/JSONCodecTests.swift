import Foundation
@testable import PinAuditCore
import Testing

/// The one JSON reader and writer (`Codecs/JSON`).
@Suite("JSON codec")
struct JSONCodecTests {
    static let sample: JSONValue = .object([
        ("b", .array([])),
        ("a", .object([("x", .object([])), ("y", .array([.int(1), .string("s/\u{1}\u{8}\u{c}\u{7f}é\t\"\\")])), ("z", .bool(true))])),
        ("$schema", .string("https://example.invalid/schema.json")),
        ("%ROOT%", .null),
        ("c", .decimal("2.5")),
    ])

    /// SARIF was written by `JSONSerialization` (pretty-printed, sorted keys, slashes as they are):
    /// the `prettySorted` layout must give the same bytes.
    @Test func prettySortedIsTheLayoutOfFoundationsWriter() throws {
        let foundation: [String: Any] = [
            "b": [Any](), "$schema": "https://example.invalid/schema.json", "%ROOT%": NSNull(), "c": 2.5,
            "a": ["x": [String: Any](), "y": [1, "s/\u{1}\u{8}\u{c}\u{7f}é\t\"\\"] as [Any], "z": true] as [String: Any],
        ]
        let data = try JSONSerialization.data(withJSONObject: foundation, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        #expect(Self.sample.rendered(.prettySorted) == String(decoding: data, as: UTF8.self))
    }

    @Test func reportLayouts() {
        let value: JSONValue = .object([("k", .array([.int(1), .object([])])), ("e", .array([]))])
        #expect(value.rendered(pretty: false) == #"{"k":[1,{}],"e":[]}"#)
        #expect(value.rendered(pretty: true) == "{\n  \"k\": [\n    1,\n    {}\n  ],\n  \"e\": []\n}")
    }

    @Test(arguments: [
        #"{"a":1,"b":-20,"c":2.5,"d":-1e-7,"e":12345678901234567890,"f":[true,false,null],"g":"\u0001\"\\"}"#,
        #"[]"#, #"{}"#, #""text""#, #"0"#,
    ])
    func compactTextReadsAndWritesBackTheSame(text: String) throws {
        #expect(try JSONParser.parse(Data(text.utf8)).rendered(.compact) == text)
    }

    @Test func numbersAreIntegersOrTheirText() throws {
        let value = try JSONParser.parse(Data(#"[7, -3, 7.0, 1e3, 99999999999999999999]"#.utf8))
        #expect(value.array?.map(\.int) == [7, -3, nil, nil, nil])
        #expect(value.array?.map(\.number) == [7, -3, 7, 1000, 1e20])
        #expect(value.array?[2] == .decimal("7.0"))
    }

    @Test func errorsSayWhereTheyAre() {
        let text = "{\n  \"a\": [1,\n  x]\n}"
        do {
            _ = try JSONParser.parse(Data(text.utf8))
            Issue.record("expected an error")
        } catch let error as JSONParseError {
            #expect(error.position(in: text) == (line: 3, column: 3))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func keyOffsetsGiveKeyLines() throws {
        let text = "{\"s\": {\n  \"one\": 1,\n\n  \"two\": {\"x\": 2}\n}}"
        var offsets: [Int] = []
        try JSONParser.read(Data(text.utf8)) { reader in
            try reader.readMembers { _, reader in
                try reader.readMembersWithOffsets { _, offset, reader in
                    offsets.append(offset)
                    try reader.skipValue()
                }
            }
        }
        #expect(JSONTextPosition.lines(ofAscending: offsets, in: text) == [2, 4])
    }

    @Test func aBrokenPipfileLockIsAParseErrorAtItsLine() {
        let reading = LockfileParser.parse(path: "Pipfile.lock", text: "{\n  \"_meta\": {\n    \"pipfile-spec\": 6,\n  }\n}\n")
        #expect(reading.findings.map(\.rule) == [.parseError])
        #expect(reading.findings.first?.location?.line == 4)
        #expect(reading.findings.first?.message.hasPrefix("Pipfile.lock is not valid JSON: ") == true)
        #expect(reading.findings.first?.message.hasSuffix("at line 4, column 3.") == true)
        let array = LockfileParser.parse(path: "Pipfile.lock", text: "[1, 2]\n")
        #expect(array.findings.first?.message == "Pipfile.lock is not a JSON object.")
    }

    @Test func pipfileSpecIsReadAsANumberOrDigits() {
        #expect(PipfileLockParser.integer(.int(6)) == 6)
        #expect(PipfileLockParser.integer(.decimal("6.0")) == 6)
        #expect(PipfileLockParser.integer(.string("5")) == 5)
        #expect(PipfileLockParser.integer(.bool(true)) == nil)
        #expect(PipfileLockParser.describe(.decimal("7.50")) == "7.5")
        #expect(PipfileLockParser.describe(.null) == "<null>")
    }
}
