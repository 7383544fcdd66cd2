import Foundation

/// One `[[ignore]]` entry: hides the findings of a rule (for a package, a vulnerability id) with a
/// recorded reason, optionally until a day.
public struct IgnoreRule: Hashable, Sendable {
    public var rule: Rule
    /// Canonical name; nil: every package.
    public var package: String?
    /// A vulnerability id or alias (`GHSA-…`, `CVE-…`, `PYSEC-…`); nil: every finding of the rule.
    public var id: String?
    public var reason: String
    /// The last day the ignore applies; after it the findings show again.
    public var until: CalendarDay?
    /// Where the entry is written (its `[[ignore]]` line).
    public var location: SourceLocation?

    public init(rule: Rule, package: String? = nil, id: String? = nil, reason: String, until: CalendarDay? = nil,
                location: SourceLocation? = nil) {
        self.rule = rule; self.package = package; self.id = id; self.reason = reason; self.until = until; self.location = location
    }

    public func isExpired(today: CalendarDay) -> Bool { until.map { $0 < today } ?? false }

    /// Whether the entry covers a finding. An id matches when the message names it as a whole word
    /// (the `vulnerable` message names the id and every alias), case-insensitively.
    public func matches(_ finding: Finding) -> Bool {
        guard finding.rule == rule else { return false }
        if let package, finding.package != package { return false }
        if let id, !Self.mentions(finding.message, id) { return false }
        return true
    }

    static func mentions(_ text: String, _ word: String) -> Bool {
        let haystack = Array(text.lowercased().unicodeScalars)
        let needle = Array(word.lowercased().unicodeScalars)
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        func isWordPart(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<start + needle.count]) == needle {
            let before = start == 0 ? nil : haystack[start - 1]
            let after = start + needle.count == haystack.count ? nil : haystack[start + needle.count]
            if !(before.map(isWordPart) ?? false) && !(after.map(isWordPart) ?? false) { return true }
        }
        return false
    }
}

/// What applying the configuration to findings did.
public struct ConfigurationApplication: Hashable, Sendable {
    /// The findings to report: not ignored, not turned off, severities overridden, plus one
    /// `ignore-expired` per expired ignore.
    public var findings: [Finding]
    /// Findings an ignore hid, with the index of the ignore in `Configuration.ignores`.
    public var ignored: [IgnoredFinding]
}

public struct IgnoredFinding: Hashable, Sendable {
    public var finding: Finding
    public var ignore: IgnoreRule
}

extension Configuration {
    /// Applies ignores, then `[severity]` overrides (`off` drops the finding). An ignore past its
    /// `until` day hides nothing and is itself reported as `ignore-expired`, at its place in the file.
    /// With `reportingUnusedIgnores`, an active ignore that hid nothing is reported as `ignore-unused`
    /// (a note), so stale ignores get cleaned up; a run that could not see every finding (a partial
    /// command, an incomplete run) should not ask for it.
    public func application(to findings: [Finding], today: CalendarDay, reportingUnusedIgnores: Bool = false) -> ConfigurationApplication {
        let active = ignores.filter { !$0.isExpired(today: today) }
        var kept: [Finding] = []
        var ignored: [IgnoredFinding] = []
        for finding in findings {
            if let ignore = active.first(where: { $0.matches(finding) }) {
                ignored.append(IgnoredFinding(finding: finding, ignore: ignore))
            } else {
                kept.append(finding)
            }
        }
        for ignore in ignores where ignore.isExpired(today: today) {
            kept.append(expiredFinding(ignore))
        }
        if reportingUnusedIgnores {
            let used = Set(ignored.map(\.ignore))
            for ignore in active where !used.contains(ignore) { kept.append(unusedFinding(ignore)) }
        }
        let result = kept.compactMap { finding -> Finding? in
            switch severity[finding.rule] {
            case .off?: return nil
            case .level(let level)?:
                var changed = finding
                changed.severity = level
                return changed
            case nil: return finding
            }
        }
        return ConfigurationApplication(findings: vulnFailOn?.applying(to: result) ?? result, ignored: ignored)
    }

    /// `application(to:today:reportingUnusedIgnores:).findings`.
    public func applying(to findings: [Finding], today: CalendarDay, reportingUnusedIgnores: Bool = false) -> [Finding] {
        application(to: findings, today: today, reportingUnusedIgnores: reportingUnusedIgnores).findings
    }

    /// `today` is the UTC day of `now`.
    public func applying(to findings: [Finding], now: Date) -> [Finding] {
        applying(to: findings, today: CalendarDay(now))
    }

    /// `today` as a `yyyy-mm-dd` text; nil when it is not one.
    public func applying(to findings: [Finding], today text: String) -> [Finding]? {
        CalendarDay(iso: text).map { applying(to: findings, today: $0) }
    }

    private func unusedFinding(_ ignore: IgnoreRule) -> Finding {
        var what = "`\(ignore.rule.rawValue)`"
        if let package = ignore.package { what += " for \(package)" }
        if let id = ignore.id { what += " (\(id))" }
        let place: String
        if ignore.location == nil && ignore.reason == "--ignore-vuln on the command line" {
            place = " given by `--ignore-vuln \(ignore.id ?? "")`"
        } else {
            place = ignore.location.map { " in \($0)" } ?? (file.map { " in \($0)" } ?? "")
        }
        return Finding(
            rule: .ignoreUnused, package: ignore.package, location: ignore.location,
            message: "The ignore of \(what)\(place) matched no finding in this run: the problem it hid is gone (or the id is misspelt). "
                + "Remove the ignore so that it cannot hide a new finding later.")
    }

    private func expiredFinding(_ ignore: IgnoreRule) -> Finding {
        var what = "`\(ignore.rule.rawValue)`"
        if let package = ignore.package { what += " for \(package)" }
        if let id = ignore.id { what += " (\(id))" }
        let place = ignore.location.map { " in \($0)" } ?? (file.map { " in \($0)" } ?? "")
        return Finding(
            rule: .ignoreExpired, package: ignore.package, location: ignore.location ?? file.map { SourceLocation(file: $0, line: 1) },
            message: "The ignore of \(what)\(place) expired on \(ignore.until.map(\.description) ?? "?") (reason was: \(ignore.reason)): "
                + "the findings it hid are reported again. Fix them, or extend `until` after a new review.")
    }
}
