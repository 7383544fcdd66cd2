import TestSupport
import Foundation
import Testing
@testable import PinAuditCore

struct SARIFFormatterTests {
    static let schemaPath = SharedFolder.file("schemas/sarif-schema-2.1.0.json")

    static func json(_ report: Report) throws -> [String: Any] {
        let text = SARIFFormatter.format(report, toolVersion: "1.2.3")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func structure() throws {
        let sarif = try Self.json(SampleReports.audit)
        #expect(sarif["version"] as? String == "2.1.0")
        #expect((sarif["$schema"] as? String)?.hasSuffix("sarif-schema-2.1.0.json") == true)
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "pinaudit")
        #expect(driver["version"] as? String == "1.2.3")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["outdated", "vulnerable", "local-version", "ignore-expired"])
        #expect((rules[1]["shortDescription"] as? [String: Any])?["text"] as? String == Rule.vulnerable.summary)
        #expect((rules[0]["defaultConfiguration"] as? [String: Any])?["level"] as? String == "note")

        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 5)
        let first = results[0]
        #expect(first["ruleId"] as? String == "outdated")
        #expect(first["ruleIndex"] as? Int == 0)
        #expect(first["level"] as? String == "warning")
        let physical = try #require(((first["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "requirements.txt")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 3)
        // Without a location: the first file, no region.
        let expired = results[4]
        let expiredPhysical = try #require(((expired["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((expiredPhysical["artifactLocation"] as? [String: Any])?["uri"] as? String == "requirements.txt")
        #expect(expiredPhysical["region"] == nil)
    }

    @Test func deterministicBytes() {
        #expect(SARIFFormatter.format(SampleReports.audit) == SARIFFormatter.format(SampleReports.audit))
        #expect(SARIFFormatter.format(SampleReports.audit).contains("\"$schema\" : \"https://docs.oasis-open.org/"))
    }

    @Test func pathsBecomeURIs() {
        #expect(SARIFFormatter.artifactLocation("./reqs/dev file.txt")["uri"]?.string == "reqs/dev%20file.txt")
        #expect(SARIFFormatter.artifactLocation("/abs/r.txt")["uri"]?.string == "file:///abs/r.txt")
        #expect(SARIFFormatter.artifactLocation("/abs/r.txt")["uriBaseId"] == nil)
    }

    @Test func emptyReportHasNoRules() throws {
        let run = try #require((try Self.json(Report(command: "audit"))["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [Any])?.isEmpty == true)
        #expect((((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [Any])?.isEmpty == true)
    }

    /// Validates against the OASIS schema with Python's jsonschema, when the schema and the package are here.
    @Test(.enabled(if: SchemaValidator.available, "needs python3 with jsonschema and \(schemaPath)"),
          arguments: ["audit", "clean", "empty"])
    func validatesAgainstSchema(name: String) throws {
        let report = switch name {
        case "audit": SampleReports.audit
        case "clean": SampleReports.clean
        default: Report(command: "check")
        }
        let output = try SchemaValidator.validate(SARIFFormatter.format(report, toolVersion: "1.2.3"), schema: Self.schemaPath)
        #expect(output.status == 0, "\(output.text)")
    }
}

/// Runs `python3` with `jsonschema` over a document written to a temporary file.
enum SchemaValidator {
    static let script = """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[1]))
        doc = json.load(open(sys.argv[2]))
        cls = jsonschema.validators.validator_for(schema)
        errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
        for e in errors:
            print("/".join(map(str, e.path)), e.message)
        sys.exit(1 if errors else 0)
        """

    static var available: Bool {
        guard FileManager.default.fileExists(atPath: SARIFFormatterTests.schemaPath) else { return false }
        return (try? run(["-c", "import jsonschema"]).status) == 0
    }

    static func validate(_ document: String, schema: String) throws -> (status: Int32, text: String) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pinaudit-sarif-\(UUID().uuidString).json")
        try document.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        return try run(["-c", script, schema, url.path])
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
