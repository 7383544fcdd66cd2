import Testing
@testable import PinAuditCore

@Suite struct DeclarationRewriterTests {
    @Test func changesOnlyTheVersionOfEachForm() throws {
        let text = "[tool.poetry.dependencies]\r\nflask = \"2.0.1\"\r\nrequests = { version = \"==2.25.1\", extras = [\"socks\"] }\r\n"
            + "numpy = \"^1.26\"\r\n"
        let changes = [PinChange(line: 2, name: "flask", oldVersion: "2.0.1", newVersion: "2.0.3"),
                       PinChange(line: 3, name: "requests", oldVersion: "2.25.1", newVersion: "2.32.3")]
        let result = try DeclarationRewriter.rewrite(text, path: "pyproject.toml", changes: changes)
        #expect(result == "[tool.poetry.dependencies]\r\nflask = \"2.0.3\"\r\nrequests = { version = \"==2.32.3\", extras = [\"socks\"] }\r\n"
            + "numpy = \"^1.26\"\r\n")
    }

    @Test func refusesALineThatNoLongerDeclaresThePin() {
        let text = "[project]\ndependencies = [\"flask==2.0.2\", \"other==2.0.1\"]  # flask==2.0.1\n"
        #expect(throws: RequirementsRewriteError.self) {
            try DeclarationRewriter.rewrite(text, path: "pyproject.toml",
                                            changes: [PinChange(line: 2, name: "flask", oldVersion: "2.0.1", newVersion: "2.0.3")])
        }
        #expect(throws: RequirementsRewriteError.self) {
            try DeclarationRewriter.rewrite(text, path: "pyproject.toml",
                                            changes: [PinChange(line: 9, name: "flask", oldVersion: "2.0.2", newVersion: "2.0.3")])
        }
    }
}
