import Testing
import PinAuditCore

/// Matching pins to releases, and the latest / latest-minor / latest-patch fields.
struct AuditVersionTests {
    typealias F = AuditFakeIndex

    @Test func pinMatchesReleaseByPEP440Equality() {
        let project = F.project("django", [F.release("3.2"), F.release("3.2.1")])
        let result = PackageAudit.audit(F.pin("django", "3.2.0"), project: project, options: F.options())
        #expect(!result.findings.contains { $0.rule == .unknownVersion })
        #expect(result.yanked == false)
        #expect(result.released == "2024-01-01")
    }

    @Test func unknownVersionSuggestsLatest() throws {
        let project = F.project("django", [F.release("3.2"), F.release("4.0"), F.release("not a version")])
        let result = PackageAudit.audit(F.pin("django", "9.9.9"), project: project, options: F.options())
        let finding = try #require(result.findings.first { $0.rule == .unknownVersion })
        #expect(finding.severity == .error)
        #expect(finding.location == F.location)
        #expect(finding.message.contains("django==4.0"))
        #expect(result.yanked == nil)
    }

    @Test func versionWithoutFilesIsNotInstallable() throws {
        let project = F.project("x", [ReleaseFacts(version: "1.0", files: []), F.release("1.1")])
        let result = PackageAudit.audit(F.pin("x", "1.0"), project: project, options: F.options())
        let finding = try #require(result.findings.first { $0.rule == .unknownVersion })
        #expect(finding.message.contains("no files"))
    }

    @Test func localLabelNotOnIndexSaysAnotherIndex() throws {
        let project = F.project("torch", [F.release("2.1.0"), F.release("2.5.1")])
        let result = PackageAudit.audit(F.pin("torch", "2.1.0+cu121"), project: project, options: F.options())
        let finding = try #require(result.findings.first { $0.rule == .unknownVersion })
        #expect(finding.message.contains("+cu121"))
        #expect(finding.message.contains("another index"))
        #expect(!result.findings.contains { $0.rule == .unknownPackage })
    }

    @Test func localBuildsOnIndexAreAmbiguous() throws {
        let project = F.project("torch", [F.release("2.1.0"), F.release("2.1.0+cpu"), F.release("2.1.0+cu121")])
        let result = PackageAudit.audit(F.pin("torch", "2.1.0"), project: project, options: F.options())
        let finding = try #require(result.findings.first { $0.rule == .localVersionAmbiguous })
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("2.1.0+cpu, 2.1.0+cu121"))
        // Pinning the exact local build is not ambiguous.
        let exact = PackageAudit.audit(F.pin("torch", "2.1.0+cu121"), project: project, options: F.options())
        #expect(!exact.findings.contains { $0.rule == .localVersionAmbiguous || $0.rule == .unknownVersion })
    }

    @Test func latestFieldsFollowTheOracle() {
        let project = F.project("pkg", [
            F.release("1.0"), F.release("1.0.1"), F.release("1.0.2", yanked: true),
            F.release("1.1"), F.release("1.2rc1"), F.release("1.1.post1"),
            F.release("2.0", requiresPython: ">=3.13"), F.release("1.9.dev0"),
            ReleaseFacts(version: "3.0", files: []), F.release("bogus-1"),
        ])
        let result = PackageAudit.audit(F.pin("pkg", "1.0"), project: project, options: F.options())
        #expect(result.latest == "1.1.post1")
        #expect(result.latestMinor == "1.1.post1")
        #expect(result.latestPatch == "1.0.1")
    }

    @Test func firstTargetPythonDecides() {
        let project = F.project("pkg", [F.release("1.0"), F.release("2.0", requiresPython: ">=3.13")])
        #expect(PackageAudit.audit(F.pin("pkg", "1.0"), project: project, options: F.options(python: ["3.13", "3.12"])).latest == "2.0")
        #expect(PackageAudit.audit(F.pin("pkg", "1.0"), project: project, options: F.options(python: ["3.12", "3.13"])).latest == "1.0")
    }

    @Test(arguments: [
        (">=3.13.0rc1", true),     // prereleases=True: 3.13 admits
        ("not a specifier", true), // unparseable admits
        ("", true),                // empty is absent
        ("<3.12", false),
        (">=3.8, <4", true),
    ])
    func requiresPythonAdmission(requiresPython: String, admitted: Bool) {
        let project = F.project("pkg", [F.release("1.0"), F.release("2.0", requiresPython: requiresPython)])
        let result = PackageAudit.audit(F.pin("pkg", "1.0"), project: project, options: F.options(python: ["3.13"]))
        #expect((result.latest == "2.0") == admitted)
    }

    @Test func missingReleasePartsAreZero() {
        // A pin `1` is in the series 1.0.x.
        let project = F.project("pkg", [F.release("1"), F.release("1.0.5"), F.release("1.3"), F.release("2")])
        let result = PackageAudit.audit(F.pin("pkg", "1"), project: project, options: F.options())
        #expect(result.latestPatch == "1.0.5")
        #expect(result.latestMinor == "1.3")
        #expect(result.latest == "2")
    }

    @Test func epochsSeparateSeries() {
        let project = F.project("pkg", [F.release("1.0"), F.release("1!0.5"), F.release("1.5")])
        let result = PackageAudit.audit(F.pin("pkg", "1.0"), project: project, options: F.options())
        #expect(result.latest == "1!0.5")
        #expect(result.latestMinor == "1.5")
    }

    @Test func reportFieldsCarryProjectLinks() {
        let project = F.project("pkg", [F.release("1.0", requiresPython: ">=3.9")], urls: ["Changelog": "https://docs.example/changes"])
        let result = PackageAudit.audit(F.pin("pkg", "1.0"), project: project, options: F.options())
        var report = PackageReport(name: "pkg", version: "1.0", direct: true)
        report.fill(from: result)
        #expect(report.pageURL == "https://index.example/project/pkg/")
        #expect(report.projectURLs?["Changelog"] == "https://docs.example/changes")
        #expect(report.requiresPython == ">=3.9")
        #expect(report.latest == "1.0")
        #expect(report.latestReleased == "2024-01-01")
    }
}
