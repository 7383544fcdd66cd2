import PinAuditCore

/// Hand-built index facts for the audit tests (pip-tools' fake index idea): a release is a version
/// key and a few files described in one line each.
enum AuditFakeIndex {
    static let today = CalendarDay(year: 2025, month: 1, day: 31)!

    static func file(_ name: String, yanked: Bool = false, reason: String? = nil, requiresPython: String? = nil,
                     uploaded: String? = "2024-01-01T12:00:00.000000Z", sha256: String? = nil) -> ReleaseFile {
        ReleaseFile(filename: name, packageType: name.hasSuffix(".whl") ? "bdist_wheel" : "sdist",
                    url: "https://files.example/packages/\(name)", yanked: yanked, yankedReason: reason,
                    uploadTime: uploaded, requiresPython: requiresPython, sha256: sha256)
    }

    /// A release with one sdist.
    static func release(_ version: String, yanked: Bool = false, reason: String? = nil, requiresPython: String? = nil,
                        uploaded: String? = "2024-01-01T12:00:00.000000Z") -> ReleaseFacts {
        ReleaseFacts(version: version, files: [file("pkg-\(version).tar.gz", yanked: yanked, reason: reason,
                                                     requiresPython: requiresPython, uploaded: uploaded)])
    }

    static func project(_ name: String, _ releases: [ReleaseFacts], status: String? = nil, statusReason: String? = nil,
                        urls: [String: String] = [:]) -> ProjectFacts {
        ProjectFacts(name: name, releases: releases, projectURLs: urls, status: status, statusReason: statusReason,
                     pageURL: "https://index.example/project/\(name)/")
    }

    static func options(python: [String] = ["3.12"], outdated: OutdatedSeverities = .default, requireHashes: Bool = false,
                        source: VulnerabilitySource = .pypi) -> AuditOptions {
        AuditOptions(pythonVersions: python, outdated: outdated, requireHashes: requireHashes, vulnerabilitySource: source,
                     today: today)
    }

    static let location = SourceLocation(file: "requirements.txt", line: 3)

    static func pin(_ name: String, _ version: String, hashes: [String] = []) -> AuditPin {
        AuditPin(name: name, version: version, location: location, hashes: hashes)
    }
}
