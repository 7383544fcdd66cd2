import Foundation
import PinAuditCore
import Testing

@Suite("Order-keeping JSON parser")
struct JSONParserTests {
    @Test func keepsObjectMemberOrder() throws {
        let value = try JSONParser.parse(Data(#"{"b": 1, "a": [true, false, null], "c": {"z": "1", "y": -2.5e3}}"#.utf8))
        let object = try #require(value.object)
        #expect(Array(object.keys) == ["b", "a", "c"])
        #expect(value["a"]?.array?.count == 3)
        #expect(value["a"]?.array?[2].isNull == true)
        #expect(value["c"]?.object?.keys == ["z", "y"])
        #expect(value["c"]?["y"]?.number == -2500)
        #expect(value["b"]?.int == 1)
        #expect(value["c"]?["y"] == .decimal("-2.5e3"))
    }

    @Test func decodesEscapes() throws {
        let value = try JSONParser.parse(Data(#"["a\"b\\c\/d\n\t", "\u00e9\ud83d\ude00", "plain é"]"#.utf8))
        #expect(value.strings == ["a\"b\\c/d\n\t", "é😀", "plain é"])
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"open", "{\"a\":1} x", "[\"\u{01}\"]", "01x"])
    func rejectsInvalidDocuments(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Data(text.utf8)) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Data(text.utf8)) }
    }
}
