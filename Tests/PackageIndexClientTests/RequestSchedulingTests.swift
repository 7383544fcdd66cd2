import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

/// How many requests a run sends and in which order: probing for version documents, small
/// requests ahead of documents, file links resolved without a request.
@Suite("Request scheduling")
struct RequestSchedulingTests {
    static let names = (0..<12).map { "pkg\($0)" }

    /// An index with project documents and core metadata files for every package.
    static func index(versionDocuments: Bool) throws -> FakeIndexServer {
        let index = try FakeIndexServer()
        for name in names {
            index.addProject(name, document: TestEnvironment.smallProject(name))
            let filename = "\(name)-1.0.0-cp312-cp312-manylinux_2_17_x86_64_0.whl"
            index.add(path: "/files/\(filename).metadata",
                      document: "Metadata-Version: 2.1\nName: \(name)\nVersion: 1.0.0\nRequires-Dist: six>=1.0\n")
            if versionDocuments {
                index.addVersion(name, "1.0.0", document: """
                {"info": {"name": "\(name)", "version": "1.0.0", "requires_dist": ["six>=1.0"]}, "vulnerabilities": []}
                """)
            }
        }
        return index
    }

    static func lookUpAll(_ client: IndexClient) async -> [Result<VersionMetadata, IndexFailure>] {
        await withTaskGroup(of: Result<VersionMetadata, IndexFailure>.self) { group in
            for name in names { group.addTask { await client.metadata(name, version: "1.0.0") } }
            var results: [Result<VersionMetadata, IndexFailure>] = []
            for await result in group { results.append(result) }
            return results
        }
    }

    static func versionDocumentRequests(_ index: FakeIndexServer) -> Int {
        names.map { index.server.requestCount("/pypi/\($0)/1.0.0/json") }.reduce(0, +)
    }

    @Test func anIndexWithoutVersionDocumentsIsProbedThreeTimesNotOncePerPackage() async throws {
        let index = try Self.index(versionDocuments: false)
        let results = await Self.lookUpAll(TestEnvironment.client(index.jsonAPIURL))
        #expect(results.allSatisfy { $0.value?.requiresDist == ["six>=1.0"] })
        #expect(Self.versionDocumentRequests(index) == 3)
        #expect(results.allSatisfy { $0.value?.vulnerabilities == nil })
    }

    @Test func oneVersionDocumentServedLetsEveryLookupAskForItsOwn() async throws {
        let index = try Self.index(versionDocuments: true)
        let results = await Self.lookUpAll(TestEnvironment.client(index.jsonAPIURL))
        #expect(results.allSatisfy { $0.value?.vulnerabilities == [] })
        #expect(Self.versionDocumentRequests(index) == Self.names.count)
        // Version documents answered everything: no project document was needed.
        #expect(Self.names.allSatisfy { index.server.requestCount("/pypi/\($0)/json") == 0 })
    }

    @Test func probesThatSettleNothingLeaveTheQuestionOpen() async {
        let support = VersionDocumentSupport(probes: 2)
        #expect(await support.decide() == .probe)
        #expect(await support.decide() == .probe)
        support.finishProbe(.inconclusive)  // a pin to a version the project lacks
        #expect(await support.decide() == .probe)
        support.finishProbe(.refused)
        support.finishProbe(.refused)
        #expect(await support.decide() == .skip)
    }

    /// With one document place, a small request still goes out while documents queue.
    @Test func smallRequestsDoNotWaitBehindDocuments() async throws {
        let server = try LoopbackHTTPServer()
        for path in ["/doc1", "/doc2", "/doc3", "/range"] {
            server.route(path, LoopbackResponse(status: 200, headers: [], body: Data(path.utf8)))
        }
        server.setResponseDelay(0.3)
        let transport = CurlTransport(settings: HTTPTransportSettings(maxConcurrentTransfers: 1))
        let order = OrderLog()
        await withTaskGroup(of: Void.self) { group in
            for path in ["/doc1", "/doc2", "/doc3"] {
                group.addTask {
                    _ = await transport.send(HTTPRequest(url: server.baseURL + path))
                    order.append(path)
                }
            }
            try? await Task.sleep(nanoseconds: 50_000_000)
            group.addTask {
                _ = await transport.send(HTTPRequest(url: server.baseURL + "/range", priority: .small))
                order.append("/range")
            }
        }
        let finished = order.entries
        #expect(finished.count == 4)
        // The small request ran beside the first document, not after the three.
        #expect(finished.firstIndex(of: "/range")! <= 1)
        #expect(server.peakConcurrentRequests == 2)
    }

    final class OrderLog: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func append(_ entry: String) { lock.withLock { list.append(entry) } }
        var entries: [String] { lock.withLock { list } }
    }
}

@Suite("File links")
struct FileURLResolverTests {
    static let bases = [
        "https://mirror.example/pypi/requests/json",
        "https://mirror.example/pypi/requests/json?x=1",
        "http://127.0.0.1:8080/a/b/c/d/json",
        "https://user:secret@mirror.example/simple/requests/",
    ]
    static let links = [
        "../../packages/ab/cd/requests-2.0-py3-none-any.whl",
        "../../packages/ab/cd/requests-2.0.tar.gz#sha256=00ff",
        "./requests-2.0.tar.gz", "requests-2.0.tar.gz", "/packages/x.whl", "../x/../y.whl", "../x/./y.whl",
        "..", ".", "?q=1", "#frag", "../../../../../../x.whl", "../../packages/a%20b.whl", "../../packages/a b.whl",
        "https://files.example/x.whl", "HTTP://FILES.EXAMPLE/X.whl", "../p/x.whl?token=a:b@c", "x/y/../../z.whl",
    ]

    /// The shortcut gives exactly what resolving each link whole with Foundation gives.
    @Test(arguments: bases)
    func agreesWithFoundation(base: String) {
        let resolver = FileURLResolver(documentURL: base)
        let stripped = URL(string: URLRedaction.strippingCredentials(base))!
        for link in Self.links + Self.links {  // twice: the second round uses the remembered prefixes
            let expected = FileURLResolver.isAbsolute(link) ? link : (URL(string: link, relativeTo: stripped)?.absoluteString ?? link)
            #expect(resolver.resolve(link) == expected, "\(link) against \(base)")
        }
    }

    @Test func credentialsOfTheDocumentNeverReachTheLinks() {
        let resolver = FileURLResolver(documentURL: "https://user:secret@mirror.example/simple/requests/")
        #expect(!resolver.resolve("../../packages/x.whl").contains("secret"))
    }

    @Test func withoutADocumentURLLinksStayAsWritten() {
        #expect(FileURLResolver(documentURL: nil).resolve("../x.whl") == "../x.whl")
    }
}
