import Foundation
import Testing
import PinAuditCore
import PythonPackaging

struct ConfigApplyingTests {
    static let location = SourceLocation(file: "requirements.txt", line: 4)
    static let vulnerable = Finding(rule: .vulnerable, package: "django", location: location,
                                    message: "django 3.2.0 is affected by GHSA-aaaa-bbbb-cccc (also CVE-2023-1234): bad.")
    static let otherVulnerable = Finding(rule: .vulnerable, package: "django", location: location,
                                         message: "django 3.2.0 is affected by GHSA-aaaa-bbbb-cccd: worse.")
    static let outdated = Finding(rule: .outdated, severity: .note, package: "flask", location: location, message: "flask is old.")
    static let partial = Finding(rule: .hashPartial, package: "flask", location: location, message: "partial.")

    static func configuration(_ text: String) throws -> Configuration {
        try #require(try ConfigurationParser.parse(text, file: ".pinaudit.toml"))
    }

    @Test func ignoreByIdOrAliasHidesOnlyThatVulnerability() throws {
        for id in ["GHSA-aaaa-bbbb-cccc", "cve-2023-1234"] {
            let c = try Self.configuration("[[ignore]]\nrule = \"vulnerable\"\npackage = \"Django\"\nid = \"\(id)\"\nreason = \"not reachable\"\n")
            let applied = c.application(to: [Self.vulnerable, Self.otherVulnerable, Self.outdated], today: CalendarDay(year: 2025, month: 6, day: 1)!)
            #expect(applied.findings == [Self.otherVulnerable, Self.outdated])
            #expect(applied.ignored.map(\.finding) == [Self.vulnerable])
        }
        // A prefix of an id is not the id.
        let c = try Self.configuration("[[ignore]]\nrule = \"vulnerable\"\nid = \"GHSA-aaaa-bbbb\"\nreason = \"x\"\n")
        #expect(c.applying(to: [Self.vulnerable], today: CalendarDay(year: 2025, month: 6, day: 1)!) == [Self.vulnerable])
    }

    @Test func severityOverridesAndOff() throws {
        let c = try Self.configuration("[severity]\noutdated = \"error\"\nhash-partial = \"off\"\n")
        let result = c.applying(to: [Self.outdated, Self.partial], today: CalendarDay(year: 2025, month: 6, day: 1)!)
        #expect(result.count == 1)
        #expect(result[0].rule == .outdated && result[0].severity == .error)
    }

    @Test func expiredIgnoreStopsHidingAndIsReported() throws {
        let text = "\n[[ignore]]\nrule = \"outdated\"\npackage = \"flask\"\nreason = \"quarterly updates\"\nuntil = \"2025-03-31\"\n"
        let c = try Self.configuration(text)
        // The until day itself is still covered.
        #expect(c.applying(to: [Self.outdated], today: CalendarDay(year: 2025, month: 3, day: 31)!).isEmpty)
        let later = c.applying(to: [Self.outdated], today: CalendarDay(year: 2025, month: 4, day: 1)!)
        #expect(later.count == 2)
        #expect(later[0] == Self.outdated)
        let expired = later[1]
        #expect(expired.rule == .ignoreExpired && expired.severity == .warning)
        #expect(expired.location == SourceLocation(file: ".pinaudit.toml", line: 2))
        #expect(expired.message.contains("expired on 2025-03-31"))
        #expect(expired.message.contains("quarterly updates"))
        // Given as a Date or a text.
        let date = Date(timeIntervalSince1970: 1_743_465_600)  // 2025-04-01T00:00:00Z
        #expect(c.applying(to: [Self.outdated], now: date) == later)
        #expect(c.applying(to: [Self.outdated], today: "2025-04-01") == later)
    }

    @Test func allowUnpinnedMatchesNamesAndPaths() throws {
        let c = try Self.configuration("allow-unpinned = [\"My_Lib\", \"./src/\"]\n")
        let named = RequirementEntry(requirement: try Requirement("my-lib>=1"), location: Self.location)
        let path = RequirementEntry(requirement: nil, url: "src", editable: true, location: Self.location)
        let other = RequirementEntry(requirement: try Requirement("flask"), location: Self.location)
        #expect(c.allowsUnpinned(named) && c.allowsUnpinned(path) && !c.allowsUnpinned(other))
    }

    @Test func failOn() {
        #expect(FailLevel.error.fails(on: .error) && !FailLevel.error.fails(on: .warning))
        #expect(FailLevel.warning.fails(on: .warning) && !FailLevel.warning.fails(on: .note))
        #expect(FailLevel.note.fails(on: .note) && !FailLevel.never.fails(on: .error))
    }

    @Test(arguments: [
        ("2024-02-29T23:59:59Z", 19_782), ("1970-01-01", 0), ("1969-12-31", -1), ("2000-03-01 00:00", 11_017),
    ])
    func calendarDays(text: String, dayNumber: Int) throws {
        let day = try #require(CalendarDay(iso: text))
        #expect(day.dayNumber == dayNumber)
        #expect(CalendarDay(dayNumber: dayNumber) == day)
        #expect(day.description == String(text.prefix(10)))
    }

    @Test func invalidDaysAreRejected() {
        #expect(CalendarDay(iso: "2023-02-29") == nil)
        #expect(CalendarDay(iso: "2023-13-01") == nil)
        #expect(CalendarDay(iso: "20230101") == nil)
    }
}
