import Foundation
@testable import pinaudit
import Testing

/// The writer itself, where a test can change a file between pinaudit's read and its rename.
@Suite struct FileReplacementBatchTests {
    private func folder(_ files: [String: String]) throws -> URL {
        try CLIRunner.workspace(files)
    }

    private func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test func aFileChangedBeforeTheRenameStopsTheWholeBatch() throws {
        let dir = try folder(["a.txt": "a==1\n", "b.txt": "b==1\n"])
        let a = dir.appendingPathComponent("a.txt"), b = dir.appendingPathComponent("b.txt")
        var batch = FileReplacementBatch(replacements: [
            .init(path: a.path, expected: Array("a==1\n".utf8), contents: Array("a==2\n".utf8)),
            .init(path: b.path, expected: Array("b==1\n".utf8), contents: Array("b==2\n".utf8)),
        ])
        batch.beforeCommit = { try? Data("b==1\n# someone else's edit\n".utf8).write(to: b) }
        #expect {
            _ = try batch.commit()
        } throws: { error in
            "\(error)".contains("changed while pinaudit was running") && "\(error)".contains("b.txt")
        }
        #expect(try text(a) == "a==1\n", "no file is written when one changed")
        #expect(try text(b) == "b==1\n# someone else's edit\n", "the other writer's change is kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    /// `plan --apply` compares the file it rewrites with what the parser read before asking the index.
    @Test func theLedgerTellsAFileChangedSinceTheParserReadIt() throws {
        let dir = try folder(["req.txt": "a==1\n"])
        let path = dir.appendingPathComponent("req.txt").path
        let first = try DiskReader().read(path)
        #expect(!DiskReader.ledger.changed(path, now: first))
        try Data("a==1\nb==2\n".utf8).write(to: URL(fileURLWithPath: path))
        let second = try DiskReader().read(path)
        #expect(DiskReader.ledger.changed(path, now: second), "the first read is the one the parser used")
        #expect(!DiskReader.ledger.changed(dir.appendingPathComponent("never-read.txt").path, now: second))
    }

    @Test func aFileChangedBeforeStagingIsNotOverwritten() throws {
        let dir = try folder(["a.txt": "a==1\n# edited\n"])
        let a = dir.appendingPathComponent("a.txt")
        let batch = FileReplacementBatch(replacements: [.init(path: a.path, expected: Array("a==1\n".utf8), contents: Array("a==2\n".utf8))])
        #expect(throws: FileWriteError.self) { _ = try batch.commit() }
        #expect(try text(a) == "a==1\n# edited\n")
    }

    @Test func aLinkBrokenSinceTheReadIsADanglingLinkError() throws {
        let dir = try folder([:])
        let named = dir.appendingPathComponent("requirements.txt").path
        try FileManager.default.createSymbolicLink(atPath: named, withDestinationPath: "gone/req.txt")
        let batch = FileReplacementBatch(replacements: [.init(path: named, expected: Array("a==1\n".utf8), contents: Array("a==2\n".utf8))])
        #expect {
            _ = try batch.commit()
        } throws: { error in
            "\(error)".contains("is a symbolic link to") && "\(error)".contains("which does not exist")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("gone").path))
    }

    @Test func aLinkLoopIsAClearError() throws {
        let dir = try folder([:])
        let a = dir.appendingPathComponent("a.txt").path, b = dir.appendingPathComponent("b.txt").path
        try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: "b.txt")
        try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: "a.txt")
        let batch = FileReplacementBatch(replacements: [.init(path: a, expected: nil, contents: Array("x\n".utf8))])
        #expect {
            _ = try batch.commit()
        } throws: { error in "\(error)".contains("symbolic link loop") }
    }

    /// Set-user-ID and set-group-ID bits are never carried onto a rewritten file.
    @Test func theModeNeverWidens() throws {
        let dir = try folder(["a.txt": "a==1\n"])
        let a = dir.appendingPathComponent("a.txt")
        chmod(a.path, 0o4755)  // set-user-ID is never copied onto a rewritten file
        let batch = FileReplacementBatch(replacements: [.init(path: a.path, expected: Array("a==1\n".utf8), contents: Array("a==2\n".utf8))])
        _ = try batch.commit()
        var after = stat()
        stat(a.path, &after)
        #expect(after.st_mode & 0o7777 == 0o755)
        #expect(try text(a) == "a==2\n")
    }
}
