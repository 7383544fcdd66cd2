@testable import PackageIndexClient
import Testing

@Suite("Credentials in URLs")
struct URLRedactionTests {
    @Test(arguments: [
        ("https://user:pass@example.invalid/simple/", "https://***@example.invalid/simple/"),
        ("https://token@example.invalid", "https://***@example.invalid"),
        ("https://example.invalid/a@b", "https://example.invalid/a@b"),
        ("http://127.0.0.1:8080/pypi", "http://127.0.0.1:8080/pypi"),
        ("not a url", "not a url"),
    ])
    func redactsTheUserInfo(url: String, expected: String) {
        #expect(URLRedaction.redact(url) == expected)
    }

    @Test func redactsEveryURLInsideText() {
        let text = "failed: http://a:b@one.invalid/x then https://c@two.invalid?q=1 and mail@example"
        #expect(URLRedaction.redactingURLs(in: text)
            == "failed: http://***@one.invalid/x then https://***@two.invalid?q=1 and mail@example")
    }

    @Test func lendsCredentialsOnlyToTheSameHost() {
        let index = "https://u:p@private.invalid/simple/"
        #expect(URLCredentials.lending(from: index, to: "https://private.invalid/files/a.whl")
            == "https://u:p@private.invalid/files/a.whl")
        #expect(URLCredentials.lending(from: index, to: "https://cdn.invalid/files/a.whl") == "https://cdn.invalid/files/a.whl")
        #expect(URLRedaction.strippingCredentials(index) == "https://private.invalid/simple/")
    }
}
