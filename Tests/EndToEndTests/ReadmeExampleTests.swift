import Foundation
import Testing

/// The README's main job, on a copy of the repository's `examples/` and `cache/` (the index
/// snapshot and the OSV database derived from the PyPA advisory database): offline, it lists the
/// example's real advisories, and `plan` moves the vulnerable pins first.
@Suite(.serialized) struct ReadmeExampleTests {
    static var repository: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    static func workspace() throws -> URL {
        let dir = try CLIRunner.workspace([:])
        for folder in ["examples", "cache"] {
            try FileManager.default.copyItem(at: repository.appendingPathComponent(folder), to: dir.appendingPathComponent(folder))
        }
        return dir
    }

    /// requests 2.25.1 → PYSEC-2023-74; urllib3 1.26.4 → 3; werkzeug 2.0.2 → 4; flask 2.0.1, certifi ×2, idna.
    static let advisories: Set<String> = [
        "vulnerable:flask:PYSEC-2023-62", "vulnerable:requests:PYSEC-2023-74", "vulnerable:idna:PYSEC-2024-60",
        "vulnerable:werkzeug:PYSEC-2022-203", "vulnerable:werkzeug:PYSEC-2023-221", "vulnerable:werkzeug:PYSEC-2023-57", "vulnerable:werkzeug:PYSEC-2023-58",
        "vulnerable:urllib3:PYSEC-2021-108", "vulnerable:urllib3:PYSEC-2023-192", "vulnerable:urllib3:PYSEC-2023-212",
        "vulnerable:certifi:PYSEC-2022-42986", "vulnerable:certifi:PYSEC-2023-135",
    ]

    @Test func theMainJobListsTheExamplesAdvisoriesOffline() throws {
        let dir = try Self.workspace()
        let text = try CLIRunner.run(["audit", "--offline", "--cache-dir", "cache", "examples/requirements.txt"], in: dir)
        #expect(text.status == 1, "\(text.stderr)")
        // Text output wraps at 80 columns.
        let unwrapped = text.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(unwrapped.contains("examples/requirements.txt:9: requests: requests 2.25.1 is affected by PYSEC-2023-74"), "\(text.stdout)")
        #expect(text.stdout.contains("pinaudit audit: 13 errors, 12 warnings"), "\(text.stdout)")

        let json = try CLIRunner.run(["audit", "--offline", "--cache-dir", "cache", "--format", "json", "examples/requirements.txt"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        var found: Set<String> = []
        for finding in doc["findings"] as? [[String: Any]] ?? [] where finding["rule"] as? String == "vulnerable" {
            let message = finding["message"] as? String ?? ""
            let id = message.components(separatedBy: " is affected by ").last?.split(separator: " ").first.map { String($0).trimmingCharacters(in: .punctuationCharacters) } ?? ""
            found.insert("vulnerable:\(finding["package"] as? String ?? ""):\(id)")
        }
        #expect(found == Self.advisories, "\(found.symmetricDifference(Self.advisories))")
        #expect(doc["incomplete"] as? Bool != true)
    }

    @Test func planMovesTheVulnerablePinsFirst() throws {
        let dir = try Self.workspace()
        let run = try CLIRunner.run(["plan", "--offline", "--cache-dir", "cache", "--format", "json", "examples/requirements.txt"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let steps = try #require(doc["steps"] as? [[String: Any]])
        var security: Set<String> = []
        var seenOther = false
        for step in steps {
            let isSecurity = step["kind"] as? String == "security"
            #expect(!(isSecurity && seenOther), "a security step comes after a routine one")
            if isSecurity {
                for move in step["packages"] as? [[String: Any]] ?? [] { security.insert((move["name"] as? String ?? "").lowercased()) }
            } else { seenOther = true }
        }
        #expect(security.isSuperset(of: ["flask", "werkzeug", "requests", "urllib3", "idna", "certifi"]), "\(security)")
        #expect((doc["blocked"] as? [Any])?.isEmpty ?? true, "\(doc["blocked"] ?? "")")
    }
}
