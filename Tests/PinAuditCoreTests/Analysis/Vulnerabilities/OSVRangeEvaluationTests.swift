@testable import PinAuditCore
import PythonPackaging
import Testing

/// OSV's evaluation of `affected[]`: `versions`, ECOSYSTEM ranges with introduced / fixed /
/// last_affected / limit, PEP 440 comparison; withdrawn advisories, `fixed_in` and malicious ids.
struct OSVRangeEvaluationTests {
    static func entry(versions: [String] = [], _ ranges: [[OSVRangeEvent]]) -> OSVAffectedPackage {
        OSVAffectedPackage(package: "Demo_Pkg", versions: versions, ranges: ranges)
    }

    static let cases: [(ranges: [[OSVRangeEvent]], versions: [String], version: String, affected: Bool)] = [
        // introduced / fixed: [introduced, fixed)
        ([[.introduced("1.0"), .fixed("2.0")]], [], "0.9", false),
        ([[.introduced("1.0"), .fixed("2.0")]], [], "1.0", true),
        ([[.introduced("1.0"), .fixed("2.0")]], [], "1.9.9", true),
        ([[.introduced("1.0"), .fixed("2.0")]], [], "2.0", false),
        ([[.introduced("1.0"), .fixed("2.0")]], [], "2.0.1", false),
        // PEP 440 order, not text order: 1.10 is above 1.9; pre-releases below the release.
        ([[.introduced("1.9"), .fixed("1.10")]], [], "1.9.5", true),
        ([[.introduced("1.9"), .fixed("1.10")]], [], "1.10", false),
        ([[.introduced("0"), .fixed("2.0")]], [], "2.0rc1", true),
        ([[.introduced("0"), .fixed("2.0")]], [], "0.0.1", true),
        // last_affected: (introduced, last_affected]
        ([[.introduced("0"), .lastAffected("3.1")]], [], "3.1", true),
        ([[.introduced("0"), .lastAffected("3.1")]], [], "3.1.0", true),
        ([[.introduced("0"), .lastAffected("3.1")]], [], "3.1.post1", false),
        ([[.introduced("0"), .lastAffected("3.1")]], [], "3.2", false),
        // limit caps the range
        ([[.introduced("1.0"), .limit("1.5")]], [], "1.4", true),
        ([[.introduced("1.0"), .limit("1.5")]], [], "1.5", false),
        // introduced alone: affected from there on
        ([[.introduced("4.0")]], [], "99", true),
        ([[.introduced("4.0")]], [], "3.9", false),
        // events written out of order are taken in version order
        ([[.fixed("2.0"), .introduced("1.0")]], [], "1.5", true),
        // two windows in one range, and two ranges
        ([[.introduced("1.0"), .fixed("1.2"), .introduced("2.0"), .fixed("2.2")]], [], "1.5", false),
        ([[.introduced("1.0"), .fixed("1.2"), .introduced("2.0"), .fixed("2.2")]], [], "2.1", true),
        ([[.introduced("1.0"), .fixed("1.2")], [.introduced("2.0"), .fixed("2.2")]], [], "2.1", true),
        // an event that is not a PEP 440 version is skipped
        ([[.introduced("0"), .fixed("not-a-version")]], [], "5.0", true),
        // versions: PEP 440 equality, not text equality
        ([], ["1.0", "1.1"], "1.0.0", true),
        ([], ["1.0", "1.1"], "1.1", true),
        ([], ["1.0", "1.1"], "1.2", false),
        ([], ["2.0RC1"], "2.0rc1", true),
        ([], ["2.0"], "2.0+local", false),
        // versions or ranges: either one
        ([[.introduced("3.0"), .fixed("3.1")]], ["1.0"], "1.0", true),
        ([[.introduced("3.0"), .fixed("3.1")]], ["1.0"], "3.0.5", true),
    ]

    @Test(arguments: cases.indices)
    func evaluatesLikeTheOSVSchema(index: Int) throws {
        let c = Self.cases[index]
        let version = try #require(Version.parse(c.version))
        #expect(OSVRangeEvaluation.affects(Self.entry(versions: c.versions, c.ranges), version: version) == c.affected,
                "\(c.ranges) versions \(c.versions) at \(c.version)")
    }

    @Test func theAdvisoryNamesThePackageByItsCanonicalName() throws {
        let advisory = OSVAdvisory(id: "PYSEC-1", affected: [Self.entry([[.introduced("0"), .fixed("2.0")]])])
        #expect(advisory.packages == ["demo-pkg"])
        #expect(advisory.vulnerability(package: "demo-pkg", version: Version(release: [1, 0])) != nil)
        #expect(advisory.vulnerability(package: "other", version: Version(release: [1, 0])) == nil)
    }

    @Test func aWithdrawnAdvisoryNeverMatches() throws {
        let advisory = OSVAdvisory(id: "PYSEC-2", withdrawn: "2024-01-01T00:00:00Z", affected: [Self.entry(versions: ["1.0"], [])])
        #expect(advisory.vulnerability(package: "demo-pkg", version: Version(release: [1, 0])) == nil)
    }

    @Test func fixedInListsTheRangesFixesAndTheReportTakesTheSmallestAboveThePin() throws {
        let advisory = OSVAdvisory(id: "PYSEC-3", aliases: ["CVE-2024-1"], affected: [
            Self.entry([[.introduced("1.0"), .fixed("1.4.2"), .introduced("2.0"), .fixed("2.1.1")], [.introduced("0"), .lastAffected("0.9")]]),
        ])
        let v = try #require(advisory.vulnerability(package: "demo-pkg", version: Version(release: [2, 0, 5])))
        #expect(v.fixedIn == ["1.4.2", "2.1.1"])
        #expect(v.aliases == ["CVE-2024-1"])
        let pin = AuditPin(name: "demo-pkg", version: "2.0.5")
        let finding = try #require(VulnerabilityAnalysis.findings(pin, pinned: Version.parse("2.0.5"), vulnerabilities: [v]).first)
        #expect(finding.rule == .vulnerable)
        #expect(finding.message.contains("Upgrade to `demo-pkg==2.1.1` or later"), "\(finding.message)")
    }

    @Test func aMaliciousAdvisoryIsItsOwnRuleAndSaysToRemoveThePackage() throws {
        let advisory = OSVAdvisory(id: "MAL-2024-1234", summary: "Malicious code in demo-pkg (PyPI)",
                                   affected: [Self.entry([[.introduced("0")]])])
        #expect(advisory.malicious)
        let v = try #require(advisory.vulnerability(package: "demo-pkg", version: Version(release: [0, 1])))
        #expect(v.isMalicious)
        let findings = VulnerabilityAnalysis.findings(AuditPin(name: "demo-pkg", version: "0.1"), pinned: Version.parse("0.1"), vulnerabilities: [v])
        #expect(findings.map(\.rule) == [.maliciousPackage])
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.message.contains("Remove it") == true)
        #expect(findings.first?.message.contains("Upgrade") == false)
        // Marked through an alias, or by the flag, as well.
        #expect(Vulnerability(id: "GHSA-x", aliases: ["MAL-2024-1"]).isMalicious)
        #expect(Vulnerability(id: "GHSA-y", malicious: true).isMalicious)
        #expect(!Vulnerability(id: "GHSA-z").isMalicious)
    }

    @Test func aliasesMergeAcrossSources() {
        let fromIndex = Vulnerability(id: "GHSA-aaaa", aliases: ["CVE-2024-9"], fixedIn: ["2.0"], source: "pypi")
        let fromDatabase = Vulnerability(id: "PYSEC-2024-9", aliases: ["CVE-2024-9"], fixedIn: ["2.0.1"], source: "osv-db")
        let merged = VulnerabilityMerge.merge([[fromIndex], [fromDatabase]])
        #expect(merged.count == 1)
        #expect(merged.first?.id == "GHSA-aaaa")
        #expect(Set(merged.first?.aliases ?? []) == ["CVE-2024-9", "PYSEC-2024-9"])
        #expect(merged.first?.source == "pypi,osv-db")
    }

    @Test func theComparisonKeyIgnoresTrailingZerosOnly() {
        #expect(OSVRangeEvaluation.comparisonKey("1.0.0") == OSVRangeEvaluation.comparisonKey("1"))
        #expect(OSVRangeEvaluation.comparisonKey("1.0.1") != OSVRangeEvaluation.comparisonKey("1.1"))
        #expect(OSVRangeEvaluation.comparisonKey("v1.0-RC1") == OSVRangeEvaluation.comparisonKey("1rc1"))
        #expect(OSVRangeEvaluation.comparisonKey("not a version") == nil)
    }
}
