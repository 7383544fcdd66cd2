import Foundation
import PinAuditCore
import Testing
import TestSupport

/// `IndexLimits`: values as written, the order flag → environment → file → default, and the
/// `[index-limits]` table of the configuration.
struct IndexLimitsTests {
    @Test(arguments: [("30", 30.0), ("90s", 90), ("2m", 120), ("1h", 3600), (" 1.5 ", 1.5)])
    func durationsAreRead(text: String, seconds: Double) {
        #expect(IndexLimits.parse(text, for: .deadline) == seconds)
    }

    @Test(arguments: [("1048576", 1_048_576.0), ("512K", 524_288), ("512KiB", 524_288), ("64MB", 67_108_864), ("1GiB", 1_073_741_824), ("64b", 64)])
    func sizesAreRead(text: String, bytes: Double) {
        #expect(IndexLimits.parse(text, for: .maxProjectDocumentSize) == bytes)
    }

    @Test(arguments: ["", "soon", "-1", "0", "1x", "nan", "inf"])
    func unusableDurationsAndSizesAreRefused(text: String) {
        #expect(IndexLimits.parse(text, for: .deadline) == nil)
        #expect(IndexLimits.parse(text, for: .maxVersionDocumentSize) == nil)
    }

    @Test func onlyTheLowSpeedLimitMayBeZero() {
        #expect(IndexLimits.parse("0", for: .lowSpeedLimit) == 0)
        #expect(IndexLimits.parse("0", for: .lowSpeedTime) == nil)
    }

    @Test func theFlagWinsOverTheVariableWhichWinsOverTheFile() throws {
        let limits = try IndexLimits.resolve(
            flags: [.deadline: "30s"],
            environment: ["PINAUDIT_DEADLINE": "40", "PINAUDIT_CONNECT_TIMEOUT": "3", "PINAUDIT_MAX_CORE_METADATA_SIZE": ""],
            configured: [.deadline: 50, .connectTimeout: 4, .lowSpeedTime: 2.2, .maxCoreMetadataSize: 1024])
        #expect(limits.deadline == 30)
        #expect(limits.connectTimeout == 3)
        #expect(limits.lowSpeedTime == 3, "whole seconds, rounded up")
        #expect(limits.maxCoreMetadataBytes == 1024, "an empty variable counts as unset")
        #expect(limits.requestTimeout == IndexLimits.defaults.requestTimeout)
        #expect(limits.maxProjectDocumentBytes == 64 << 20)
    }

    @Test func unreadableFlagsAndVariablesSayWhichAndWhat() {
        #expect(throws: IndexLimitError("--deadline takes a duration greater than 0, such as 30, 90s, 2m or 1h, not 'later'.")) {
            try IndexLimits.resolve(flags: [.deadline: "later"], environment: [:], configured: [:])
        }
        #expect(throws: IndexLimitError("PINAUDIT_MAX_IN_FLIGHT_SIZE must be a size greater than 0, such as 1048576, 512KiB, 64MiB or 1GiB, not 'lots': fix or unset it.")) {
            try IndexLimits.resolve(flags: [:], environment: ["PINAUDIT_MAX_IN_FLIGHT_SIZE": "lots"], configured: [:])
        }
    }

    @Test func theHintNamesFlagVariableAndKey() {
        #expect(IndexLimits.hint(for: .maxProjectDocumentSize) == "raise it with --max-project-document-size, "
            + "PINAUDIT_MAX_PROJECT_DOCUMENT_SIZE or `max-project-document-size` under [index-limits] in .pinaudit.toml")
        #expect(IndexLimits.describe(bytes: 64 << 20) == "64 MiB")
        #expect(IndexLimits.describe(bytes: 1536) == "1.5 KiB")
        #expect(IndexLimits.describe(bytes: 64) == "64 bytes")
    }

    @Test func theConfigurationTableTakesNumbersAndStrings() throws {
        let text = "[index-limits]\nconnect-timeout = 5\nrequest-timeout = 2.5\ndeadline = \"20m\"\nmax-project-document-size = \"256MiB\"\nlow-speed-limit = 0\n"
        let configuration = try #require(try ConfigurationParser.parse(text, file: ".pinaudit.toml"))
        #expect(configuration.indexLimits == [.connectTimeout: 5, .requestTimeout: 2.5, .deadline: 1200,
                                              .maxProjectDocumentSize: 268_435_456, .lowSpeedLimit: 0])
    }

    @Test(arguments: [
        ("[index-limits]\nconnect-timeout = -1\n", ".pinaudit.toml:2: index-limits.connect-timeout: expected a duration greater than 0"),
        ("[index-limits]\n\nmax-version-document-size = \"big\"\n", ".pinaudit.toml:3: index-limits.max-version-document-size: expected a size greater than 0"),
        ("[index-limits]\ndeadline = true\n", ".pinaudit.toml:2: index-limits.deadline: expected a duration"),
        ("[index-limits]\ntimeout = 3\n", ".pinaudit.toml:2: index-limits.timeout: unknown key; known keys here: connect-timeout, request-timeout"),
        ("index-limits = 3\n", ".pinaudit.toml:1: index-limits: expected a table, found integer"),
    ])
    func configurationErrorsSayWhere(text: String, expected: String) {
        do {
            _ = try ConfigurationParser.parse(text, file: ".pinaudit.toml")
            Issue.record("no error for \(text)")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
        }
    }

    /// The example of `docs/configuration.md`'s `[index-limits]` section is a valid configuration.
    @Test func theDocumentedExampleIsValid() throws {
        let docs = TestFolders.packageRoot(of: #filePath).appendingPathComponent("docs/configuration.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## `[index-limits]`").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```toml\n").dropFirst().first?.components(separatedBy: "```").first)
        let configuration = try #require(try ConfigurationParser.parse(block, file: ".pinaudit.toml"))
        #expect(configuration.indexLimits == [.deadline: 1200, .lowSpeedTime: 30, .maxProjectDocumentSize: 268_435_456])
    }
}
