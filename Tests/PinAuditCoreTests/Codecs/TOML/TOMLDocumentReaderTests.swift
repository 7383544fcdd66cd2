@testable import PinAuditCore
import Testing

/// The one TOML front end: pre-scan, then the fast scanner, then TOMLKit.
@Suite("TOML document reader")
struct TOMLDocumentReaderTests {
    @Test func textOutsideTheScannersSubsetIsReadByTOMLKitWithHeaderLines() throws {
        let text = "version = 1\nnote = \"\"\"\ntwo\nlines\"\"\"\n\n[[package]]\nname = \"a\"\n\n[[package]]\nname = \"b\"\n"
        #expect(LockTOMLScanner.scan(text) == nil)
        guard case .success(let root) = TOMLDocumentReader.document(text) else { Issue.record("not read"); return }
        #expect(root.string("note") == "two\nlines")
        #expect(root.tables("package").map(\.line) == [6, 9])
        #expect(root.tables("package").map { $0.string("name") } == ["a", "b"])
    }

    @Test func theScannersAndTOMLKitsReadingsAgree() throws {
        let text = "[[package]]\nname = \"a\"\nversion = \"1.0\"\ndeps = [\"x\", 'y']\nextra = { k = true }\n"
        guard case .success(let fast) = TOMLDocumentReader.document(text),
              case .success(let slow) = TOMLDocumentReader.document(text, scanner: false) else { Issue.record("not read"); return }
        for root in [fast, slow] {
            let package = try #require(root.tables("package").first)
            #expect(package.line == 1 && package.strings("deps") == ["x", "y"] && package.table("extra")?.bool("k") == true)
        }
    }

    @Test func tomlKitsErrorsArePlaced() {
        guard case .failure(let failure) = TOMLDocumentReader.document("a = 1\nb = = 2\n") else { Issue.record("read"); return }
        #expect(failure.line == 2 && failure.column != nil && failure.prescan == nil)
        #expect(failure.message.hasSuffix("(line 2, column \(failure.column ?? 0))"))
    }

    @Test func thePrescanRunsBeforeEitherReader() {
        let deep = "a = " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n"
        for result in [TOMLDocumentReader.document(deep).map { _ in () }, TOMLDocumentReader.typedDocument(deep).map { _ in () }] {
            guard case .failure(let failure) = result else { Issue.record("read"); continue }
            #expect(failure.prescan == .tooDeep && failure.line == 1 && failure.column == nil)
            #expect(failure.message == failure.reason)
        }
    }

    @Test func theConfigurationReadsThroughTheSameFrontEnd() {
        do {
            _ = try ConfigurationParser.parse("fail-on = \"error\"\nx = = 1\n", file: ".pinaudit.toml")
            Issue.record("read")
        } catch let error as ConfigurationError {
            #expect(error.problems.map(\.line) == [2])
            #expect(error.problems.first?.message.hasPrefix("not valid TOML: ") == true)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
