import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func passesAFullyPinnedFileAndFailsAnUnpinnedOne() throws {
        let dir = try CLIRunner.workspace([
            "good.txt": "flask==3.0.3\nwerkzeug==3.0.4 ; python_version >= \"3.8\"\n",
            "bad.txt": "# deps\nflask>=2.0\nrequests\n",
        ])
        let good = try CLIRunner.run(["check", "--no-index", "good.txt"], in: dir)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.contains("0 errors"))
        let bad = try CLIRunner.run(["check", "--no-index", "bad.txt"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("bad.txt:2: flask: flask is not pinned"))
        #expect(bad.stdout.contains("bad.txt:3: requests:"))
        #expect(bad.stdout.contains("2 errors"))
    }

    @Test func jsonOutputFollowsTheDocumentedSchema() throws {
        let dir = try CLIRunner.workspace([
            "requirements.txt": "-c constraints.txt\nDjango[bcrypt]==3.2.0 \\\n    --hash=sha256:aaaa\nidna ; sys_platform == 'win32'\n",
            "constraints.txt": "idna==3.7\n",
        ])
        let result = try CLIRunner.run(["check", "--no-index", "--format", "json", "requirements.txt"], in: dir)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(doc["schema_version"] as? Int == 1)
        let reqs = try #require(doc["requirements"] as? [[String: Any]])
        #expect(reqs.count == 3)
        let django = reqs[1]
        #expect(django["name"] as? String == "Django")
        #expect(django["canonical_name"] as? String == "django")
        #expect(django["pinned_version"] as? String == "3.2.0")
        #expect(django["extras"] as? [String] == ["bcrypt"])
        #expect(django["hashes"] as? [String] == ["sha256:aaaa"])
        #expect(django["line"] as? Int == 2)
        #expect(django["file"] as? String == "requirements.txt")
        let idna = reqs[2]
        #expect(idna["marker"] as? String == "sys_platform == \"win32\"")
        #expect(reqs[0]["constraint"] as? Bool == true)
        #expect(reqs[0]["file"] as? String == "constraints.txt")
        let summary = try #require(doc["summary"] as? [String: Int])
        #expect(summary["error"] == 0)
    }

    @Test func githubFormatAnnotatesTheLine() throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask\n"])
        let result = try CLIRunner.run(["check", "--no-index", "--format", "github"], in: dir)
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=requirements.txt,line=1,title=unpinned%3A flask::flask is not pinned"))
    }

    @Test func failOnAndExitCodes() throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask===2.0\n"])
        #expect(try CLIRunner.run(["check", "--no-index"], in: dir).status == 0)
        #expect(try CLIRunner.run(["check", "--no-index", "--fail-on", "warning"], in: dir).status == 1)
        #expect(try CLIRunner.run(["check", "--no-index", "--format", "nope"], in: dir).status == 2)
        let missing = try CLIRunner.run(["check", "--no-index", "missing.txt"], in: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing.txt"))
    }

    @Test func parseErrorsNameFileAndLineAndTheRestIsStillRead() throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==2.0\nthis is not a requirement\n--bogus-option\nrequests\n-r missing.txt\n"])
        let result = try CLIRunner.run(["check", "--no-index"], in: dir)
        #expect(result.status == 1)
        #expect(result.stdout.contains("requirements.txt:2:"))
        #expect(result.stdout.contains("requirements.txt:3:"))
        #expect(result.stdout.contains("requirements.txt:4: requests"))
        #expect(result.stdout.contains("requirements.txt:5:"))
        #expect(result.stdout.contains("[include-error]"))
    }

    @Test func binaryAndUnreadableInputExitWithTwo() throws {
        let dir = try CLIRunner.workspace([:])
        try Data([0x00, 0x01, 0xFF, 0x00, 0x7F]).write(to: dir.appendingPathComponent("blob.txt"))
        let result = try CLIRunner.run(["check", "--no-index", "blob.txt"], in: dir)
        #expect(result.status == 2)
        #expect(result.stderr.contains("blob.txt"))
    }

    @Test func outputFileIsWritten() throws {
        let dir = try CLIRunner.workspace(["requirements.txt": "flask==3.0.3\n"])
        let result = try CLIRunner.run(["check", "--no-index", "--format", "json", "-o", "out.json"], in: dir)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let written = try String(contentsOf: dir.appendingPathComponent("out.json"), encoding: .utf8)
        #expect(written.contains("\"schema_version\": 1"))
    }
}
