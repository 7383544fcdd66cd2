import Testing
import PythonPackaging
@testable import PinAuditCore
import TestSupport

/// Generated requirements files: whatever the layout, rewriting pins and re-parsing gives the same
/// entries except the moved versions and hashes.
@Suite struct RequirementsRewriterPropertyTests {
    /// A small deterministic generator (64-bit LCG), so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    }

    struct GeneratedFile {
        var text: String
        /// Pins that may be moved: (line, canonical name, version as written, has hashes).
        var pins: [(line: Int, name: String, version: String, hashed: Bool)]
    }

    static func generate(seed: UInt64) -> GeneratedFile {
        var g = Generator(state: seed)
        let eol = g.chance(30) ? "\r\n" : "\n"
        var lines: [String] = []
        var pins: [(Int, String, String, Bool)] = []
        let names = ["Django", "requests", "boto3", "zope.interface", "typing_extensions", "Flask", "six", "idna", "numpy", "attrs"]
        func hash(_ n: Int) -> String { "--hash=sha256:" + String(repeating: String(n % 10), count: 64) }
        for (i, name) in names.enumerated() where g.chance(80) {
            switch g.next(4) {
            case 0: lines.append("# a comment about \(name)")
            case 1: lines.append("")
            case 2: lines.append("    # via -r requirements.in")
            default: break
            }
            if g.chance(5) { lines.append("--index-url https://index.example/simple") }
            let version = "\(g.next(5)).\(g.next(20)).\(g.next(3))"
            let line = lines.count + 1
            var hashed = false
            switch g.next(9) {
            case 0: lines.append("\(name)==\(version)")
            case 1: lines.append("\(name) == \(version)")
            case 2: lines.append("\(name)[extra-one,Other]==\(version)")
            case 3: lines.append("\(name)==\(version) ; python_version >= \"3.8\"")
            case 4: lines.append("\(name)==\(version); sys_platform == \"linux\"  # why: \(i)")
            case 5:
                hashed = true
                lines += ["\(name)==\(version) \\", "    \(hash(i)) \\", "    \(hash(i + 1))"]
            case 6:
                hashed = true
                lines.append("\(name)==\(version) \(hash(i))")
            case 7: lines += ["\(name)==\(version) \\", "    ; python_version >= \"3.7\""]
            default:
                lines.append("\(name)>=\(version)")
                continue
            }
            pins.append((line, PackageName.canonicalize(name), version, hashed))
        }
        var text = lines.joined(separator: eol)
        if g.chance(70) { text += eol }
        return GeneratedFile(text: text, pins: pins)
    }

    @Test(arguments: Array(UInt64(1)...UInt64(60)))
    func reparsingGivesTheSameEntriesExceptTheMovedVersions(seed: UInt64) throws {
        let file = Self.generate(seed: seed)
        var g = Generator(state: seed &* 31)
        var changes: [PinChange] = []
        var moved: [String: String] = [:]
        var newHashes: [String: [String]] = [:]
        for pin in file.pins where g.chance(60) {
            let version = "9.\(g.next(10)).0"
            let hashes = (0...g.next(3)).map { "sha256:" + String(repeating: String($0 + 1), count: 64) }
            changes.append(PinChange(line: pin.line, name: pin.name, oldVersion: pin.version, newVersion: version, hashes: hashes))
            moved[pin.name] = version
            if pin.hashed { newHashes[pin.name] = hashes }
        }
        let rewritten = try RequirementsRewriter.rewrite(file.text, path: "r.txt", changes: changes)
        let before = try RequirementsFileParser(reader: InMemoryFiles(["r.txt": file.text])).parse(path: "r.txt")
        let after = try RequirementsFileParser(reader: InMemoryFiles(["r.txt": rewritten])).parse(path: "r.txt")
        #expect(after.findings == before.findings)
        try expectSameEntriesExceptVersions(before: before.entries, after: after.entries, moved: moved, newHashes: newHashes,
                                            sameLines: changes.allSatisfy { $0.hashes.count == 2 } || newHashes.isEmpty)
        if changes.isEmpty { #expect(rewritten == file.text) }
        #expect(rewritten.hasSuffix("\n") == file.text.hasSuffix("\n"))
        #expect(rewritten.contains("\r\n") == file.text.contains("\r\n"))
    }
}
