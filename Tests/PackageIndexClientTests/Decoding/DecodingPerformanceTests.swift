import Foundation
@testable import PackageIndexClient
import Testing
import TestSupport

@Suite("Decoding large project documents")
struct DecodingPerformanceTests {
    @Test func aTenMegabyteDocumentDecodes() throws {
        let text = ProjectDocumentBuilder.project(name: "botocore", releases: 2_000, filesPerRelease: 5,
                                                  base: "http://127.0.0.1:1")
        let data = Data(text.utf8)
        #expect(data.count > 9_000_000)
        let start = Date()
        let facts = try JSONAPIDecoder.project(data, pageURL: nil)
        let seconds = Date().timeIntervalSince(start)
        print("Decoded a \(data.count / 1_000_000) MB project document (\(facts.releases.count) releases, "
            + "\(facts.releases.count * 5) files) in \(String(format: "%.3f", seconds)) s.")
        #expect(facts.releases.count == 2_000)
        #expect(facts.releases.first?.version == "1.0.0")
        #expect(facts.releases.last?.version == "1.0.1999")
        #expect(facts.releases.allSatisfy { $0.files.count == 5 && $0.files.allSatisfy { $0.hasCoreMetadata } })
        // Speed is measured by scripts/bench.sh, not asserted here.
    }

    @Test func aLargeDocumentServedOverLoopbackDecodes() async throws {
        let index = try FakeIndexServer()
        index.addProject("bigproject", document: ProjectDocumentBuilder.project(name: "bigproject", releases: 1_000,
                                                                               filesPerRelease: 5))
        let client = TestEnvironment.client(index.jsonAPIURL)
        let facts = try #require(await client.project("bigproject").value)
        #expect(facts.releases.count == 1_000)
        #expect(client.statistics.bytesDownloaded > 4_000_000)
    }
}
