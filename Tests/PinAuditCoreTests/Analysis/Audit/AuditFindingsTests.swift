import Testing
import PinAuditCore

/// Yanked, outdated, project status and index failures.
struct AuditFindingsTests {
    typealias F = AuditFakeIndex

    @Test func yankedPinSuggestsNextInSameMinor() throws {
        let project = F.project("django", [
            F.release("3.1.9"), F.release("3.2", yanked: true, reason: "  security issue \n"),
            F.release("3.2.1"), F.release("3.2.2"), F.release("4.0"),
        ])
        let result = PackageAudit.audit(F.pin("django", "3.2.0"), project: project, options: F.options())
        let finding = try #require(result.findings.first { $0.rule == .yanked })
        #expect(finding.severity == .error)
        #expect(finding.message == "django 3.2.0 is yanked on the index (reason: security issue): pin django==3.2.1 instead.")
        #expect(result.yanked == true)
        #expect(result.yankedReason == "security issue")
    }

    @Test(arguments: [
        // pinned, releases (version, yanked), expected replacement
        ("1.2.0", [("1.1.0", false), ("1.2.0", true), ("1.3.0", false), ("1.2.5", false)], "1.2.5"),
        ("1.2.0", [("1.1.0", false), ("1.2.0", true), ("1.3.0", false), ("1.2.5", true)], "1.3.0"),
        ("1.2.0", [("1.1.0", false), ("1.2.0", true), ("1.3.0rc1", false), ("1.0", false)], "1.1.0"),
    ])
    func yankedReplacement(pinned: String, releases: [(String, Bool)], expected: String) throws {
        let project = F.project("p", releases.map { F.release($0.0, yanked: $0.1) })
        let result = PackageAudit.audit(F.pin("p", pinned), project: project, options: F.options())
        let finding = try #require(result.findings.first { $0.rule == .yanked })
        #expect(finding.message.hasSuffix("pin p==\(expected) instead."))
        #expect(finding.message.contains("no reason given"))
    }

    @Test func partlyYankedReleaseIsNotYanked() {
        let release = ReleaseFacts(version: "1.0", files: [F.file("p-1.0.tar.gz", yanked: true, reason: "bad sdist"),
                                                          F.file("p-1.0-py3-none-any.whl")])
        let result = PackageAudit.audit(F.pin("p", "1.0"), project: F.project("p", [release]), options: F.options())
        #expect(result.yanked == false)
        #expect(result.yankedReason == nil)
        #expect(!result.findings.contains { $0.rule == .yanked })
    }

    @Test func yankedReasonBlankIsNil() {
        let release = ReleaseFacts(version: "1.0", files: [F.file("p-1.0.tar.gz", yanked: true, reason: "   "),
                                                          F.file("p-1.0-py3-none-any.whl", yanked: true, reason: "later")])
        let result = PackageAudit.audit(F.pin("p", "1.0"), project: F.project("p", [release]), options: F.options())
        #expect(result.yanked == true)
        #expect(result.yankedReason == nil)   // as oracle-versions: the first non-empty raw reason, stripped
    }

    @Test(arguments: [
        ("1.0.1", UpdateKind.patch, Severity.note),
        ("1.1.0", .minor, .warning),
        ("2.0.0", .major, .warning),
    ])
    func outdatedKindAndSeverity(newer: String, kind: UpdateKind, severity: Severity) throws {
        let project = F.project("p", [F.release("1.0.0", uploaded: "2024-01-31T00:00:00Z"),
                                      F.release(newer, uploaded: "2025-01-21T10:00:00Z")])
        let result = PackageAudit.audit(F.pin("p", "1.0.0"), project: project, options: F.options())
        let finding = try #require(result.findings.first { $0.rule == .outdated })
        #expect(finding.severity == severity)
        #expect(finding.message.contains("p is outdated: 1.0.0 → \(newer) is available (\(kind.rawValue) update; 1.0.0 is 366 days old, \(newer) is 10 days old)"))
        #expect(finding.message.contains("p==\(newer)"))
    }

    @Test func outdatedSeverityConfigurableAndOff() {
        let project = F.project("p", [F.release("1.0.0"), F.release("1.0.1")])
        let off = OutdatedSeverities(patch: nil)
        #expect(!PackageAudit.audit(F.pin("p", "1.0.0"), project: project, options: F.options(outdated: off)).findings
            .contains { $0.rule == .outdated })
        let loud = OutdatedSeverities(patch: .error)
        #expect(PackageAudit.audit(F.pin("p", "1.0.0"), project: project, options: F.options(outdated: loud)).findings
            .first { $0.rule == .outdated }?.severity == .error)
    }

    @Test func majorUpdateMentionsPatch() throws {
        let project = F.project("p", [F.release("1.0.0"), F.release("1.0.3"), F.release("3.0")])
        let result = PackageAudit.audit(F.pin("p", "1.0.0"), project: project, options: F.options())
        let finding = try #require(result.findings.first { $0.rule == .outdated })
        #expect(finding.message.contains("A patch update to 1.0.3 is also available."))
    }

    @Test func upToDateHasNoOutdated() {
        let project = F.project("p", [F.release("1.0.0"), F.release("2.0.0rc1"), F.release("1.5", yanked: true)])
        let result = PackageAudit.audit(F.pin("p", "1.0.0"), project: project, options: F.options())
        #expect(result.findings.isEmpty)
    }

    @Test(arguments: [("archived", Severity.warning), ("deprecated", .warning), ("quarantined", .error)])
    func projectStatus(status: String, severity: Severity) throws {
        let project = F.project("p", [F.release("1.0")], status: status, statusReason: "see the project page")
        let result = PackageAudit.audit(F.pin("p", "1.0"), project: project, options: F.options())
        let finding = try #require(result.findings.first { $0.rule == .projectStatus })
        #expect(finding.severity == severity)
        #expect(finding.message.contains(status))
        #expect(finding.message.contains("see the project page"))
    }

    @Test func activeProjectHasNoStatusFinding() {
        let project = F.project("p", [F.release("1.0")], status: "active")
        #expect(PackageAudit.audit(F.pin("p", "1.0"), project: project, options: F.options()).findings.isEmpty)
    }

    @Test func indexFailuresBecomeFindings() {
        let notFound = IndexFailure.notFound.finding(package: "reqeusts", location: F.location)
        #expect(notFound.rule == .unknownPackage && notFound.severity == .error && notFound.location == F.location)
        let metadata = IndexFailure.metadataUnavailable(reason: "sdist only").finding(package: "p", question: .metadata(version: "1.0"))
        #expect(metadata.rule == .metadataUnavailable && metadata.severity == .warning)
        #expect(metadata.message.contains("p 1.0") && metadata.message.contains("sdist only"))
        let down = IndexFailure.unavailable(reason: "503 after 4 tries").finding(package: "p")
        #expect(down.rule == .indexError && down.severity == .error && down.message.contains("503 after 4 tries"))
        #expect(IndexFailure.notCached.finding(package: "p").rule == .indexError)
        #expect(IndexFailure.unavailable(reason: "x").leavesReportIncomplete)
        #expect(!IndexFailure.notFound.leavesReportIncomplete)
    }
}
