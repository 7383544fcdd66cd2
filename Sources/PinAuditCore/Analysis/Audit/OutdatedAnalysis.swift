import PythonPackaging

/// A newer final release admits the target Python: `outdated`, with the kind of update and ages.
enum OutdatedAnalysis {
    static func finding(_ pin: AuditPin, pinned: Version, pinnedRelease: ReleaseCatalog.Release?, newest: NewestReleases,
                        options: AuditOptions) -> Finding? {
        guard let latest = newest.latest, latest.version > pinned else { return nil }
        // A local build of the pinned version (`2.1.0+cu121` over `2.1.0`) is no update: the
        // `local-version` warning says what it means.
        if pinned.local.isEmpty && latest.version.publicVersion == pinned { return nil }
        let kind = UpdateKind(from: pinned, to: latest.version)
        guard let severity = options.outdated[kind] else { return nil }

        var message = "\(pin.name) is outdated: \(pin.version) → \(latest.key) is available (\(kind.rawValue) update"
        var ages: [String] = []
        if let day = pinnedRelease?.released { ages.append("\(pin.version) is \(age(from: day, to: options.today))") }
        if let day = latest.released { ages.append("\(latest.key) is \(age(from: day, to: options.today))") }
        message += ages.isEmpty ? ")." : "; " + ages.joined(separator: ", ") + ")."
        if kind != .patch, let patch = newest.latestPatch, patch.version > pinned {
            message += " A patch update to \(patch.key) is also available."
        } else if kind == .major, let minor = newest.latestMinor, minor.version > pinned {
            message += " A minor update to \(minor.key) is also available."
        }
        message += " Update the pin to `\(pin.name)==\(latest.key)`, or run `pinaudit plan` for a controlled update."
        return Finding(rule: .outdated, severity: severity, package: pin.name, location: pin.location, message: message)
    }

    private static func age(from day: CalendarDay, to today: CalendarDay) -> String {
        let days = day.days(until: today)
        switch days {
        case ..<0: return "dated \(day) (after today)"
        case 0: return "released today"
        case 1: return "1 day old"
        default: return "\(days) days old"
        }
    }
}
