import Foundation
@testable import PackageIndexClient
import Testing

@Suite("Core metadata (email header) parsing")
struct CoreMetadataParserTests {
    static let sample = """
        Metadata-Version: 2.3
        Name: demo
        Version: 1.2.3
        Requires-Python: >=3.9
        Requires-Dist: attrs>=22
        Requires-Dist: typing-extensions;
        \tpython_version < "3.11"
        Provides-Extra: test
        Requires-Dist: pytest ; extra == "test"
        Description-Content-Type: text/plain

        Requires-Dist: body-text-not-a-dependency
        """

    @Test(arguments: ["\n", "\r\n"])
    func readsHeadersUntilTheBody(lineEnding: String) {
        let text = Self.sample.replacingOccurrences(of: "\n", with: lineEnding)
        let metadata = CoreMetadataParser.metadata(text, fallbackName: "x", fallbackVersion: "0")
        #expect(metadata.name == "demo")
        #expect(metadata.version == "1.2.3")
        #expect(metadata.requiresPython == ">=3.9")
        #expect(metadata.requiresDist == ["attrs>=22", "typing-extensions; python_version < \"3.11\"",
                                          "pytest ; extra == \"test\""])
        #expect(metadata.providesExtra == ["test"])
        #expect(metadata.vulnerabilities == nil)
    }

    @Test func missingNameAndVersionUseTheFallbacks() {
        let metadata = CoreMetadataParser.metadata("Requires-Dist: a\n", fallbackName: "pkg", fallbackVersion: "2.0")
        #expect(metadata.name == "pkg")
        #expect(metadata.version == "2.0")
        #expect(metadata.requiresDist == ["a"])
        #expect(metadata.requiresPython == nil)
    }

    @Test func headersKeepOrderAndJoinContinuations() {
        let headers = CoreMetadataParser.headers("A: 1\nB:2\n  more\nA: 3\n")
        #expect(headers.map(\.name) == ["A", "B", "A"])
        #expect(headers.map(\.value) == ["1", "2 more", "3"])
    }

    /// As Python's `email` parser: a line that is neither a header nor a continuation starts the body.
    @Test func aLineThatIsNotAHeaderEndsTheHeaders() {
        #expect(CoreMetadataParser.headers("A: 1\ngarbage\nB:2\n").map(\.name) == ["A"])
        #expect(CoreMetadataParser.headers("A: 1\nnot a header: x\nB:2\n").map(\.name) == ["A"])
    }

    /// pandas 2.1.0's METADATA: its `License` text has lines of only spaces, which continue the
    /// header (only an empty line ends the headers); the dependencies come after them.
    @Test(arguments: ["\n", "\r\n"])
    func linesOfOnlySpacesContinueTheHeader(lineEnding: String) {
        let text = [
            "Metadata-Version: 2.1", "Name: pandas", "Version: 2.1.0", "License: BSD 3-Clause License", "        ",
            "        Copyright (c) 2008-2011, AQR Capital Management", "\t", "Requires-Dist: numpy>=1.23.2; python_version >= \"3.11\"",
            "Requires-Dist: pytz>=2020.1", "", "body",
        ].joined(separator: lineEnding)
        let metadata = CoreMetadataParser.metadata(text, fallbackName: "x", fallbackVersion: "0")
        #expect(metadata.requiresDist == ["numpy>=1.23.2; python_version >= \"3.11\"", "pytz>=2020.1"])
    }
}
