import Foundation
import Testing
import PythonPackaging
@testable import PinAuditCore
import TestSupport

/// Fixtures of `Fixtures/plan/`, read as text.
enum PlanFixtures {
    static func text(_ name: String, sourceFile: String = #filePath) throws -> String {
        let url = TestFolders.target(of: sourceFile).appendingPathComponent("Fixtures/plan/\(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func crlf(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\r\n") }

    static func hash(_ digit: Character) -> String { "sha256:" + String(repeating: digit, count: 64) }
}

@Suite struct RequirementsRewriterTests {
    func parse(_ files: [String: String], _ path: String) throws -> [RequirementEntry] {
        try RequirementsFileParser(reader: InMemoryFiles(files)).parse(path: path).entries
    }

    @Test(arguments: [false, true])
    func movesOnlyTheVersionsKeepingSpacingExtrasMarkersCommentsAndNoFinalNewline(crlf: Bool) throws {
        let original = try PlanFixtures.text("handwritten.txt")
        let text = crlf ? PlanFixtures.crlf(original) : original
        let new = try RequirementsRewriter.rewrite(text, path: "handwritten.txt", changes: [
            PinChange(line: 2, name: "flask", oldVersion: "2.0.1", newVersion: "2.3.3"),
            PinChange(line: 3, name: "requests", oldVersion: "2.28.0", newVersion: "2.31.0"),
            PinChange(line: 7, name: "django", oldVersion: "3.2.20", newVersion: "3.2.25"),
        ])
        let expected = original
            .replacingOccurrences(of: "Flask == 2.0.1   #", with: "Flask == 2.3.3   #")
            .replacingOccurrences(of: "socks]==2.28.0;", with: "socks]==2.31.0;")
            .replacingOccurrences(of: "Django==3.2.20", with: "Django==3.2.25")
        #expect(new == (crlf ? PlanFixtures.crlf(expected) : expected))
        #expect(!new.hasSuffix("\n"))
    }

    @Test(arguments: [false, true])
    func replacesHashesInThePipCompileContinuationStyle(crlf: Bool) throws {
        let original = try PlanFixtures.text("hashed.txt")
        let text = crlf ? PlanFixtures.crlf(original) : original
        let new = try RequirementsRewriter.rewrite(text, path: "hashed.txt", changes: [
            PinChange(line: 7, name: "boto3", oldVersion: "1.28.0", newVersion: "1.34.0",
                      hashes: [PlanFixtures.hash("a"), PlanFixtures.hash("b"), PlanFixtures.hash("c")]),
            PinChange(line: 11, name: "botocore", oldVersion: "1.31.0", newVersion: "1.34.10", hashes: [PlanFixtures.hash("d")]),
        ])
        let expected = original
            .replacingOccurrences(of: """
                boto3==1.28.0 \\
                    --hash=\(PlanFixtures.hash("1")) \\
                    --hash=\(PlanFixtures.hash("2"))

                """, with: """
                boto3==1.34.0 \\
                    --hash=\(PlanFixtures.hash("a")) \\
                    --hash=\(PlanFixtures.hash("b")) \\
                    --hash=\(PlanFixtures.hash("c"))

                """)
            .replacingOccurrences(of: "botocore==1.31.0 \\\n    --hash=\(PlanFixtures.hash("3"))",
                                  with: "botocore==1.34.10 \\\n    --hash=\(PlanFixtures.hash("d"))")
        #expect(expected != original)
        #expect(new == (crlf ? PlanFixtures.crlf(expected) : expected))
    }

    @Test func inlineHashesStayInline() throws {
        let text = "six==1.16.0 --hash=sha256:aa --hash=sha256:bb  # keep\nidna==3.4\n"
        let new = try RequirementsRewriter.rewrite(text, path: "r.txt", changes: [
            PinChange(line: 1, name: "six", oldVersion: "1.16.0", newVersion: "1.17.0", hashes: ["sha256:cc"]),
            PinChange(line: 2, name: "idna", oldVersion: "3.4", newVersion: "3.7", hashes: ["sha256:dd"]),
        ])
        #expect(new == "six==1.17.0 --hash=sha256:cc  # keep\nidna==3.7\n", "a pin without hashes gets none")
    }

    @Test func addsAPackageInSortedPositionWithTheFilesHashStyle() throws {
        let original = try PlanFixtures.text("hashed.txt")
        let new = try RequirementsRewriter.rewrite(original, path: "hashed.txt", changes: [],
            additions: [PinAddition(name: "awscrt", version: "0.19.19", hashes: [PlanFixtures.hash("e")], why: "required by boto3==1.34.0")])
        let block = "# added by pinaudit: required by boto3==1.34.0\nawscrt==0.19.19 \\\n    --hash=\(PlanFixtures.hash("e"))\n"
        #expect(new == original.replacingOccurrences(of: "boto3==1.28.0", with: block + "boto3==1.28.0"))

        let late = try RequirementsRewriter.rewrite(original, path: "hashed.txt", changes: [],
            additions: [PinAddition(name: "zipp", version: "3.17.0", hashes: [PlanFixtures.hash("f")], why: "required by x==1")])
        #expect(late == original + "# added by pinaudit: required by x==1\nzipp==3.17.0 \\\n    --hash=\(PlanFixtures.hash("f"))\n")

        let middle = try RequirementsRewriter.rewrite(original, path: "hashed.txt", changes: [],
            additions: [PinAddition(name: "Markupsafe", version: "2.1.5", hashes: [PlanFixtures.hash("f")], why: "required by x==1")])
        #expect(middle.contains("    #   botocore\n# added by pinaudit: required by x==1\nMarkupsafe==2.1.5 \\\n"))
    }

    @Test(arguments: [false, true])
    func addsAtTheEndOfAnUnsortedFileKeepingTheMissingFinalNewline(crlf: Bool) throws {
        let original = try PlanFixtures.text("handwritten.txt")
        let text = crlf ? PlanFixtures.crlf(original) : original
        let new = try RequirementsRewriter.rewrite(text, path: "handwritten.txt", changes: [],
            additions: [PinAddition(name: "sniffio", version: "1.3.1", hashes: ["sha256:00"], why: "required by httpx==0.27.0")])
        let eol = crlf ? "\r\n" : "\n"
        #expect(new == text + eol + "# added by pinaudit: required by httpx==0.27.0" + eol + "sniffio==1.3.1", "no hashes: the file uses none")
    }

    @Test func refusesChangesThatNoLongerMatchTheFile() throws {
        let text = try PlanFixtures.text("hashed.txt")
        #expect(throws: RequirementsRewriteError.self) {
            try RequirementsRewriter.rewrite(text, path: "hashed.txt", changes: [PinChange(line: 7, name: "botocore", oldVersion: "1.28.0", newVersion: "1.29.0", hashes: ["sha256:00"])])
        }
        #expect(throws: RequirementsRewriteError.self) {
            try RequirementsRewriter.rewrite(text, path: "hashed.txt", changes: [PinChange(line: 7, name: "boto3", oldVersion: "1.27.0", newVersion: "1.29.0", hashes: ["sha256:00"])])
        }
        do {
            _ = try RequirementsRewriter.rewrite(text, path: "hashed.txt", changes: [PinChange(line: 7, name: "boto3", oldVersion: "1.28.0", newVersion: "1.29.0")])
            Issue.record("a hashed pin without new hashes must not be written")
        } catch let error as RequirementsRewriteError {
            #expect(error.description.hasPrefix("cannot update hashed.txt:7:"))
            #expect(error.description.contains("sha256"))
        }
    }

    @Test func matchesTheOldVersionByPEP440AndLeavesArbitraryEqualityAlone() throws {
        let new = try RequirementsRewriter.rewrite("Django==3.2.0\n", path: "r.txt",
            changes: [PinChange(line: 1, name: "django", oldVersion: "3.2", newVersion: "3.2.25")])
        #expect(new == "Django==3.2.25\n")
        #expect(throws: RequirementsRewriteError.self) {
            try RequirementsRewriter.rewrite("foo===1.0\n", path: "r.txt", changes: [PinChange(line: 1, name: "foo", oldVersion: "1.0", newVersion: "1.1")])
        }
    }

    @Test func pinsInAnIncludedFileAreChangedInThatFile() async throws {
        let files = ["handwritten.txt": try PlanFixtures.text("handwritten.txt"), "base.txt": try PlanFixtures.text("base.txt")]
        var index = FakeIndex()
        index.add("Flask", "2.0.1")
        index.add("requests", "2.28.0")
        index.add("Django", "3.2.20")
        index.add("werkzeug", "2.0.1")
        index.add("werkzeug", "2.0.3", sha256: String(repeating: "9", count: 64))
        index.add("click", "8.0.0")
        index.add("click", "8.0.4")
        let entries = try parse(files, "handwritten.txt")
        let options = PlanOptions(targets: [.target(pythonVersion: "3.12", platform: .linux)], pythons: ["3.12"],
                                  policy: PlanTesting.policy(maxLevel: .patch), today: PlanTesting.today)
        let plan = await UpdatePlanner(index: IndexMemo(index), options: options).plan(entries: entries)
        #expect(PlanTesting.summary(plan) == ["patch: click 8.0.0→8.0.4", "patch: werkzeug 2.0.1→2.0.3"])

        let edits = PlanSelection.edits(for: plan.steps, entries: entries)
        #expect(edits.files.map(\.path) == ["base.txt"])
        #expect(edits.files[0].changes.map(\.line) == [1, 2])
        let rewritten = try RequirementsRewriter.rewrite(files["base.txt"]!, path: "base.txt", changes: edits.files[0].changes)
        #expect(rewritten == "werkzeug==2.0.3\nclick==8.0.4 \\\n  ; python_version >= \"3.7\"\n")

        var after = files
        after["base.txt"] = rewritten
        try expectSameEntriesExceptVersions(before: entries, after: try parse(after, "handwritten.txt"),
                                            moved: ["werkzeug": "2.0.3", "click": "8.0.4"])
    }

    @Test func diffShowsTheChangedLinesWithContext() throws {
        let old = "a==1\nb==1\nc==1\nd==1\ne==1\nf==1\ng==1\nh==1\n"
        let new = old.replacingOccurrences(of: "e==1", with: "e==2")
        #expect(RequirementsRewriter.unifiedDiff(old: old, new: new, path: "r.txt") == """
            --- a/r.txt
            +++ b/r.txt
            @@ -2,7 +2,7 @@
             b==1
             c==1
             d==1
            -e==1
            +e==2
             f==1
             g==1
             h==1

            """)
        #expect(RequirementsRewriter.unifiedDiff(old: old, new: old, path: "r.txt") == "")
        let noNewline = RequirementsRewriter.unifiedDiff(old: "a==1", new: "a==1\nb==2", path: "r.txt")
        #expect(noNewline == "--- a/r.txt\n+++ b/r.txt\n@@ -1,1 +1,2 @@\n-a==1\n\\ No newline at end of file\n+a==1\n+b==2\n\\ No newline at end of file\n")
    }
}

/// Re-parsing a rewritten file gives the same entries, except the versions (and hashes) of moved pins.
func expectSameEntriesExceptVersions(before: [RequirementEntry], after: [RequirementEntry], moved: [String: String],
                                     newHashes: [String: [String]] = [:], sameLines: Bool = true,
                                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    #expect(after.count == before.count, sourceLocation: sourceLocation)
    for (old, new) in zip(before, after) {
        // A different number of hash lines shifts the lines below it.
        #expect(sameLines ? new.location == old.location : new.location.file == old.location.file, sourceLocation: sourceLocation)
        #expect(new.canonicalName == old.canonicalName, sourceLocation: sourceLocation)
        #expect(new.extras == old.extras && new.marker == old.marker && new.url == old.url, sourceLocation: sourceLocation)
        #expect(new.options == old.options && new.isConstraint == old.isConstraint, sourceLocation: sourceLocation)
        if let name = old.canonicalName, let version = moved[name] {
            #expect(new.pinnedVersion == version, sourceLocation: sourceLocation)
            #expect(new.hashes == (old.hashes.isEmpty ? [] : newHashes[name] ?? new.hashes), sourceLocation: sourceLocation)
        } else {
            #expect(new.specifier == old.specifier && new.hashes == old.hashes, sourceLocation: sourceLocation)
        }
    }
}
