import Foundation
import Testing
import TestSupport

/// Credentials in the index URL go to that host and port only (not after a redirect to another
/// host or port, never in `Referer`), appear in no output of any command or format, and are
/// never stored in the cache folder.
@Suite struct IndexCredentialTests {
    static let user = "alice"
    static let password = "s3cr3t-Pa55"
    static var secrets: [String] {
        [password, "\(user):\(password)", Data("\(user):\(password)".utf8).base64EncodedString(), "alice:"]
    }

    @Test func credentialsGoOnlyToTheIndexHostAndNeverIntoOutputsOrTheCache() throws {
        let index = try HostileIndexServer()
        let otherPort = try HostileIndexServer()
        // Another host: any 127.x address is loopback on Linux; without it, test the port alone.
        let otherHost = try? HostileIndexServer(host: "127.0.0.2")
        index.addProject("alpha", version: "1.0", yankedReason: "broken",
                         vulnerabilities: [["id": "GHSA-cred-test-0001", "fixed_in": ["1.1"], "summary": "a flaw",
                                            "link": "https://osv.invalid/GHSA-cred-test-0001"]], newer: ["1.1", "2.0"],
                         fileBase: "../../files")
        index.addProject("moved", version: "1.0")
        // moved's files are relative URLs, resolved against the document's URL after the redirect.
        otherPort.addProject("moved", version: "1.0", newer: ["1.2"], fileBase: "../../files")
        index.redirect("moved", to: otherPort.server.baseURL)
        var requirements = "alpha==1.0\nmoved==1.0\n"
        if let otherHost {
            index.addProject("faraway", version: "1.0")
            otherHost.addProject("faraway", version: "1.0", newer: ["3.0"])
            index.redirect("faraway", to: otherHost.server.baseURL)
            requirements += "faraway==1.0\n"
        }
        let url = index.jsonAPIURL.replacingOccurrences(of: "http://", with: "http://\(Self.user):\(Self.password)@")
        let dir = try CLIRunner.workspace(["requirements.txt": requirements, ".pinaudit.toml": "[plan]\nmin-age = 0\n"])
        defer { try? FileManager.default.removeItem(at: dir) }

        var runs: [(String, CLIRunner.Result)] = []
        for command in ["check", "audit", "plan"] {
            for format in ["text", "json", "github", "markdown", "sarif"] where !(command == "plan" && ["github", "sarif"].contains(format)) {
                // Once by --index-url, once by the environment; the cache is shared, so later runs revalidate it.
                let byFlag = try CLIRunner.run([command, "--format", format, "--index-url", url, "--refresh", "requirements.txt"], in: dir)
                runs.append(("\(command) --format \(format) --index-url", byFlag))
                let byVariable = try CLIRunner.run([command, "--format", format, "requirements.txt"], in: dir,
                                                   environment: ["PINAUDIT_INDEX_URL": url])
                runs.append(("\(command) --format \(format) (PINAUDIT_INDEX_URL)", byVariable))
            }
        }
        for (name, result) in runs {
            // check finds nothing wrong; audit fails on the yanked, vulnerable pin; plan has updates,
            // and a plan that was made exits 0.
            let expectedStatus: Int32 = name.hasPrefix("audit") ? 1 : 0
            #expect(result.status == expectedStatus, "\(name): \(result.status)\n\(result.stdout)\n\(result.stderr)")
            for secret in Self.secrets {
                #expect(!result.stdout.contains(secret), "\(name) printed a credential on stdout:\n\(result.stdout)")
                #expect(!result.stderr.contains(secret), "\(name) printed a credential on stderr:\n\(result.stderr)")
            }
        }
        // The runs really asked the index, and found what it serves.
        let audit = try #require(runs.first { $0.0 == "audit --format json --index-url" }?.1)
        #expect(audit.stdout.contains("\"yanked\""), "\(audit.stdout)")
        #expect(audit.stdout.contains("GHSA-cred-test-0001"))

        let expected = "Basic " + Data("\(Self.user):\(Self.password)".utf8).base64EncodedString()
        let home = index.server.requests
        #expect(!home.isEmpty)
        #expect(home.allSatisfy { $0.header("authorization") == expected }, "the index itself gets the credentials")
        for (label, server) in [("another port", otherPort.server)] + (otherHost.map { [("another host", $0.server)] } ?? []) {
            let requests = server.requests
            #expect(!requests.isEmpty, "the redirect to \(label) was followed")
            #expect(requests.allSatisfy { $0.header("authorization") == nil }, "credentials leaked to \(label)")
        }
        let everyRequest = home + otherPort.server.requests + (otherHost?.server.requests ?? [])
        #expect(everyRequest.allSatisfy { $0.header("referer") == nil }, "a Referer header was sent")
        #expect(everyRequest.allSatisfy { !($0.path + ($0.query ?? "")).contains(Self.password) })

        let cache = dir.appendingPathComponent(".cache")
        let files = FileManager.default.enumerator(at: cache, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        #expect(!files.isEmpty, "the runs wrote a cache")
        for file in files {
            let relative = String(file.path.dropFirst(cache.path.count))
            for secret in Self.secrets { #expect(!relative.contains(secret), "a cache file name holds a credential: \(relative)") }
            guard let data = try? Data(contentsOf: file) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            for secret in Self.secrets { #expect(!text.contains(secret), "the cache file \(relative) holds a credential") }
        }
    }
}
