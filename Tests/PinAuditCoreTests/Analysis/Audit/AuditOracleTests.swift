import TestSupport
import Foundation
import Testing
import PinAuditCore

/// Differential test against `/work/shared/tools/oracle-versions` (packaging's answers over the same
/// index documents). Tricky hand-made projects are written as JSON API documents; the audit's
/// fields are written as the tool JSON the oracle reads. Skips itself when the oracle or Python's
/// packaging/pip are absent.
struct AuditOracleTests {
    static let oracle = SharedFolder.file("tools/oracle-versions")

    static var available: Bool {
        guard FileManager.default.isExecutableFile(atPath: oracle) || FileManager.default.fileExists(atPath: oracle) else { return false }
        return (try? SchemaValidator.run(["-c", "import packaging.version, pip._internal.models.index"]).status) == 0
    }

    typealias R = (key: String, files: [ReleaseFile])
    static func f(yanked: Bool = false, reason: String? = nil, rp: String? = nil) -> ReleaseFile {
        ReleaseFile(filename: "x.tar.gz", url: "https://files.example/x.tar.gz", yanked: yanked, yankedReason: reason,
                    uploadTime: "2024-01-01T00:00:00Z", requiresPython: rp)
    }

    /// name, pinned version, releases in index order.
    static let cases: [(String, String, [R])] = [
        ("dup-keys", "1.0", [("1.0", [f(yanked: true, reason: "old")]), ("1.0.0", [f()]), ("1.1", [f()])]),
        ("pre-post-dev", "2.0", [("2.0", [f()]), ("2.1rc1", [f()]), ("2.0.post1", [f()]), ("2.1.dev0", [f()]), ("3.0a1", [f()])]),
        ("yanked-reasons", "1.2", [("1.2", [f(yanked: true, reason: "  "), f(yanked: true, reason: " broken\n")]), ("1.2.1", [f()])]),
        ("yanked-strip", "1.2", [("1.2", [f(yanked: true, reason: "\tbad build  ")]), ("1.3", [f(yanked: true)])]),
        ("requires-python", "1.0", [("1.0", [f()]), ("1.1", [f(rp: ">=3.13")]), ("1.0.5", [f(rp: "~=3.12.0rc1")]),
                                    ("1.0.6", [f(rp: ">=3.6.*")]), ("1.2", [f(rp: "<3.12"), f(rp: ">=3")]), ("1.3", [f(rp: ""), f(rp: ">=3.14")])]),
        ("invalid-keys", "0.5", [("0.5", [f()]), ("latest", [f()]), ("1.0-final-2", [f()]), ("0.6", []), ("0.5.1", [f()])]),
        ("locals", "2.1.0", [("2.1.0", [f()]), ("2.1.0+cu121", [f()]), ("2.2.0+cpu", [f()])]),
        ("epochs", "1.0", [("1.0", [f()]), ("1!0.1", [f()]), ("1.9", [f()]), ("0!1.0.9", [f()])]),
        ("short-release", "1", [("1", [f()]), ("1.0.1", [f()]), ("1.1", [f()]), ("1.0.0.1", [f()])]),
        ("pinned-zeros", "3.2.0", [("3.2", [f()]), ("3.2.1", [f(yanked: true, reason: "oops")]), ("3.10", [f()])]),
    ]

    @Test(.enabled(if: AuditOracleTests.available, "needs \(oracle) and Python's packaging and pip"))
    func agreesWithOracle() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pinaudit-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var requirements = ""
        var packages: [[String: Any]] = []
        for (name, pinned, releases) in Self.cases {
            try Self.document(releases).write(to: folder.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
            requirements += "\(name)==\(pinned)\n"
            let project = ProjectFacts(name: name, releases: releases.map { ReleaseFacts(version: $0.key, files: $0.files) })
            let result = PackageAudit.audit(AuditPin(name: name, version: pinned), project: project,
                                            options: AuditOptions(pythonVersions: ["3.12"], today: CalendarDay(year: 2025, month: 1, day: 1)!))
            packages.append([
                "name": name, "latest": result.latest ?? NSNull(), "latest_minor": result.latestMinor ?? NSNull(),
                "latest_patch": result.latestPatch ?? NSNull(), "yanked": result.yanked ?? NSNull(),
                "yanked_reason": result.yankedReason ?? NSNull(),
            ])
        }
        let requirementsURL = folder.appendingPathComponent("requirements.txt")
        try requirements.write(to: requirementsURL, atomically: true, encoding: .utf8)
        let toolURL = folder.appendingPathComponent("tool.json")
        try JSONSerialization.data(withJSONObject: ["packages": packages]).write(to: toolURL)

        let output = try SchemaValidator.run([Self.oracle, toolURL.path, requirementsURL.path, "3.12", folder.path])
        #expect(output.status == 0, "\(output.text)")
        #expect(output.text.contains("agree \(Self.cases.count * 5)/\(Self.cases.count * 5)"), "\(output.text)")
    }

    /// A JSON API document with releases in the given order (the order matters for duplicate keys).
    static func document(_ releases: [R]) throws -> String {
        func json(_ value: Any) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]), as: UTF8.self)
        }
        let entries = try releases.map { release -> String in
            let files = try release.files.map { file -> String in
                var object: [String: Any] = ["filename": file.filename, "url": file.url, "yanked": file.yanked,
                                             "upload_time_iso_8601": file.uploadTime ?? NSNull()]
                object["yanked_reason"] = file.yankedReason ?? NSNull()
                object["requires_python"] = file.requiresPython ?? NSNull()
                return try json(object)
            }
            return "\(try json(release.key)): [\(files.joined(separator: ", "))]"
        }
        return "{\"info\": {\"name\": \"x\"}, \"releases\": {\(entries.joined(separator: ",\n"))}}\n"
    }
}
