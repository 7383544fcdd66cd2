import Foundation
import Testing
import TestSupport

/// What already held against a hostile index, kept so: error storms, broken, wrongly typed and
/// deeply nested JSON, a redirect to `file://` and a server that accepts no connection all end
/// in `index-error`, an incomplete run and exit 3, with credentials shown as `***`.
@Suite(.serialized) struct IndexFailureModeTests {
    /// `hostile`'s two documents answered with `response`; `calm` well-behaved.
    static func run(_ response: LoopbackResponse, arguments: [String] = [], credentials: Bool = false) throws -> (MeasuredCLIRun, [String]) {
        let index = try HostileIndexServer()
        index.addProject("calm", version: "1.0")
        index.addProject("hostile", version: "1.0")
        for document in HostileIndexServer.Document.allCases { index.server.route(index.path("hostile", document), response) }
        let dir = try CLIRunner.workspace(["requirements.txt": "calm==1.0\nhostile==1.0\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = credentials ? index.jsonAPIURL.replacingOccurrences(of: "http://", with: "http://bob:hunter2@") : index.jsonAPIURL
        let run = try MeasuredCLIRun.run(["audit", "--format", "json", "requirements.txt"] + arguments, in: dir,
                                         environment: ["PINAUDIT_INDEX_URL": url], timeout: 120)
        HostileIndexTests.expectBounded(run, seconds: 60)
        return (run, try HostileIndexTests.indexErrors(run))
    }

    @Test(arguments: [401, 403, 429, 500, 503])
    func anErrorStormIsAnIndexError(status: Int) throws {
        let (run, messages) = try Self.run(LoopbackResponse.text("no", status: status))
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.contains("\(status)") == true, "\(messages)")
        #expect(!run.stdout.contains("skipped calm"))
    }

    @Test(arguments: [
        "{\"info\": {\"name\": \"hostile\", ",                       // cut short
        "<html><body>Service temporarily unavailable</body></html>",  // not JSON
        "{\"info\": 5, \"releases\": \"many\", \"urls\": {}}",         // wrongly typed
        "[\"a list, not an object\"]",
    ])
    func aBrokenDocumentIsAnIndexError(body: String) throws {
        let (_, messages) = try Self.run(LoopbackResponse.json(body))
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.contains("after 2 tries") == true, "\(messages)")
    }

    @Test func millionDeepJSONIsAnIndexErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)
        let (_, messages) = try Self.run(LoopbackResponse.json(deep))
        #expect(messages.count == 1, "\(messages)")
    }

    @Test func aRedirectToAFileURLIsRefused() throws {
        let (_, messages) = try Self.run(LoopbackResponse(status: 302, headers: [("Location", "file:///etc/passwd")]))
        #expect(messages.count == 1, "\(messages)")
        #expect(messages.first?.contains("unsupported") == true || messages.first?.contains("protocol") == true, "\(messages)")
    }

    @Test func credentialsInMessagesAreShownAsStars() throws {
        let (run, messages) = try Self.run(LoopbackResponse.text("down", status: 503), credentials: true)
        #expect(messages.first?.contains("http://***@127.0.0.1:") == true, "\(messages)")
        #expect(!run.stdout.contains("hunter2") && !run.stderr.contains("hunter2"))
        #expect(!run.stdout.contains("bob:") && !run.stderr.contains("bob:"))
    }

    /// A listener whose accept queue is full never completes a connection: the connect timeout
    /// ends it (twice, then the package is an index error).
    @Test func aServerThatAcceptsNoConnectionEndsAtTheConnectTimeout() throws {
        let listener = try StalledListener()
        let dir = try CLIRunner.workspace(["requirements.txt": "calm==1.0\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try MeasuredCLIRun.run(["check", "--format", "json", "--connect-timeout", "1", "requirements.txt"], in: dir,
                                         environment: ["PINAUDIT_INDEX_URL": listener.baseURL + "/pypi"], timeout: 120)
        HostileIndexTests.expectBounded(run, seconds: 10)
        let message = try #require(try HostileIndexTests.indexErrors(run).first)
        #expect(message.contains("no connection within 1 s (the connect timeout)"), "\(message)")
        #expect(message.contains("--connect-timeout"), "\(message)")
        withExtendedLifetime(listener) {}
    }
}
