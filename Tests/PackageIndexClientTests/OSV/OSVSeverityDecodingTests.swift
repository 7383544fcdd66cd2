import Foundation
@testable import PackageIndexClient
import PinAuditCore
import Testing
import TestSupport

/// Severity decoded from OSV answers: canned OSV documents served by the loopback OSV fake.
@Suite("OSV severity decoding")
struct OSVSeverityDecodingTests {
    /// `FakeOSVServer.record` with `extra` top-level keys (OSV `severity`, `database_specific`) merged in.
    static func record(_ id: String, package: String = "requests", extra: [String: Any]) throws -> String {
        let base = try #require(try JSONSerialization.jsonObject(with: Data(FakeOSVServer.record(id: id, package: package, fixed: ["2.31.0"]).utf8)) as? [String: Any])
        let merged = base.merging(extra) { _, new in new }
        return String(decoding: try JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys]), as: UTF8.self)
    }

    static let v31 = "CVSS:3.1/AV:N/AC:H/PR:H/UI:R/S:U/C:H/I:N/A:N"   // 4.2 medium
    static let v40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"   // 9.3 critical

    @Test func severitiesOfEveryKindAreDecoded() async throws {
        let osv = try FakeOSVServer()
        let ids = ["GHSA-both", "GHSA-word", "GHSA-v3", "GHSA-broken", "GHSA-none", "GHSA-affected"]
        osv.affect("requests", "2.25.1", ids: ids)
        // A GitHub-reviewed record: v3.1 and v4.0 vectors and GitHub's word; v4.0 wins.
        osv.addRecord("GHSA-both", json: try Self.record("GHSA-both", extra: [
            "severity": [["type": "CVSS_V3", "score": Self.v31], ["type": "CVSS_V4", "score": Self.v40]],
            "database_specific": ["severity": "MODERATE", "github_reviewed": true],
        ]))
        osv.addRecord("GHSA-word", json: try Self.record("GHSA-word", extra: ["database_specific": ["severity": "HIGH"]]))
        osv.addRecord("GHSA-v3", json: try Self.record("GHSA-v3", extra: ["severity": [["type": "CVSS_V3", "score": Self.v31]]]))
        // A vector that cannot be scored, and a type pinaudit does not score: the word decides.
        osv.addRecord("GHSA-broken", json: try Self.record("GHSA-broken", extra: [
            "severity": [["type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L"], ["type": "CVSS_V2", "score": "AV:N/AC:L/Au:N/C:P/I:P/A:P"]],
            "database_specific": ["severity": "LOW"],
        ]))
        osv.addRecord("GHSA-none", json: try Self.record("GHSA-none", extra: [:]))
        // OSV also allows the severity per affected package: each package gets its own.
        osv.affect("urllib3", "1.26.4", ids: ["GHSA-affected"])
        osv.addRecord("GHSA-affected", json: #"{"id":"GHSA-affected","affected":[{"package":{"ecosystem":"PyPI","name":"Requests"},"severity":[{"type":"CVSS_V3","score":"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.26.0"}]}]},{"package":{"ecosystem":"PyPI","name":"urllib3"},"severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"}],"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.26.5"}]}]}]}"#)

        let found = try #require(await OSVClientTests.client(osv).vulnerabilities(for: [(name: "requests", version: "2.25.1"),
                                                                                        (name: "urllib3", version: "1.26.4")]).value)
        #expect(found["urllib3"]?.first?.severity?.score?.description == "3.1")
        #expect(found["urllib3"]?.first?.severity?.level == .low)
        let byID = Dictionary(uniqueKeysWithValues: (found["requests"] ?? []).map { ($0.id, $0) })
        #expect(byID.count == ids.count)
        #expect(byID["GHSA-both"]?.severity == VulnerabilitySeverity(level: .critical, score: CVSSScore(tenths: 93), vector: Self.v40, source: .cvssV4))
        #expect(byID["GHSA-word"]?.severity == VulnerabilitySeverity(level: .high, source: .databaseSpecific))
        #expect(byID["GHSA-v3"]?.severity == VulnerabilitySeverity(level: .medium, score: CVSSScore(tenths: 42), vector: Self.v31, source: .cvssV3))
        #expect(byID["GHSA-broken"]?.severity == VulnerabilitySeverity(level: .low, source: .databaseSpecific))
        #expect(byID["GHSA-none"]?.severity == nil)
        #expect(byID["GHSA-none"]?.fixedIn == ["2.31.0"], "the rest of the record is read as before")
        #expect(byID["GHSA-affected"]?.severity?.score?.description == "9.8")
        #expect(byID["GHSA-affected"]?.fixedIn == ["2.26.0"])
    }

    /// Severity survives the merge of the index's entry (which has none) with OSV's.
    @Test func mergedSourcesKeepOSVsSeverity() async throws {
        let osv = try FakeOSVServer()
        osv.affect("requests", "2.25.1", ids: ["GHSA-j8r2-6x86-q33q"])
        osv.addRecord("GHSA-j8r2-6x86-q33q", json: try Self.record("GHSA-j8r2-6x86-q33q", extra: [
            "aliases": ["CVE-2023-32681", "PYSEC-2023-74"],
            "severity": [["type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N"]],
        ]))
        let fromOSV = try #require(await OSVClientTests.client(osv).vulnerabilities(for: [(name: "requests", version: "2.25.1")]).value?["requests"])
        let fromIndex = [Vulnerability(id: "PYSEC-2023-74", aliases: ["CVE-2023-32681"], fixedIn: ["2.31.0"], source: "pypi")]
        let merged = VulnerabilityMerge.merge([fromIndex, fromOSV])
        #expect(merged.count == 1)
        #expect(merged[0].id == "PYSEC-2023-74")
        #expect(merged[0].severity?.score?.description == "6.1")
        #expect(merged[0].severity?.level == .medium)
    }
}
