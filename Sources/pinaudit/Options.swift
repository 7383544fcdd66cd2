import ArgumentParser
import Foundation
import PinAuditCore
import PythonPackaging

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, sarif, github
}

extension FailLevel: ExpressibleByArgument {}

enum ColorMode: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

extension MarkerEnvironment.Platform: ExpressibleByArgument {}

extension VulnerabilitySource: ExpressibleByArgument {}

/// What `audit` checks beyond the configuration file.
struct AuditFlags: ParsableArguments {
    @Option(name: .customLong("vuln-source"),
            help: "Where vulnerabilities come from: auto (the index's per-version data, merged with the local OSV database when there is one), pypi (the index's data alone), osv (OSV's API), both (the index and OSV's API, merged), osv-db (the local OSV database alone) (default: the configuration's vuln-source, else auto).")
    var vulnerabilitySource: VulnerabilitySource?

    @Option(name: .customLong("vuln-db"), help: ArgumentHelp("A local OSV database: OSV's PyPI export (a ZIP of OSV JSON files) or a folder of OSV JSON files (default: PINAUDIT_VULN_DB, the configuration's vuln-db, else the copy `pinaudit db update` keeps in the cache folder).", valueName: "path"))
    var vulnerabilityDatabase: String?

    @Option(name: .customLong("ignore-vuln"), help: ArgumentHelp("Ignore a vulnerability by id or alias (repeatable), as pip-audit's flag; an ignore that matches nothing is reported as a note.", valueName: "id"))
    var ignoredVulnerabilities: [String] = []

    @Flag(help: "Hash-checking mode, as pip's flag: every pinned requirement must carry --hash values (on anyway when any requirement has one, or a file says --require-hashes).")
    var requireHashes = false
}

/// How results are shown and when the run fails.
struct ReportOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Exit 1 when a finding is at or above this severity: error, warning, note, never (default: the configuration's fail-on, else error).", valueName: "severity"))
    var failOn: FailLevel?

    @Option(help: "Color text output: auto (on a terminal, unless NO_COLOR is set), always, never.")
    var color: ColorMode = .auto

    @Flag(name: .shortAndLong, help: "No progress bar and no list of files read.")
    var quiet = false
}

/// The environments markers and `requires_python` are evaluated for.
struct TargetOptions: ParsableArguments {
    @Option(name: .customLong("python-version"), help: ArgumentHelp("Target Python version X.Y (repeatable; default: the Dockerfile's image, else 3.12).", valueName: "X.Y"))
    var pythonVersions: [String] = []

    @Option(name: .customLong("platform"), help: "Target platform: linux, macos, windows (repeatable; default linux).")
    var platforms: [MarkerEnvironment.Platform] = []

    func validate() throws {
        for v in pythonVersions {
            let parts = v.split(separator: ".")
            guard (2...3).contains(parts.count), parts.allSatisfy({ Int($0) != nil }) else {
                throw ValidationError("--python-version takes a version like 3.12, not '\(v)'.")
            }
        }
    }

    /// The target environments: every Python version × every platform.
    func environments(implied: String?) -> (envs: [MarkerEnvironment], labels: [String], pythons: [String]) {
        let pythons = pythonVersions.isEmpty ? [implied ?? "3.12"] : pythonVersions
        let platforms = self.platforms.isEmpty ? [MarkerEnvironment.Platform.linux] : self.platforms
        var envs: [MarkerEnvironment] = [], labels: [String] = []
        for py in pythons {
            for platform in platforms {
                envs.append(.target(pythonVersion: py, platform: platform))
                labels.append("python \(py) on \(platform.rawValue)")
            }
        }
        return (envs, labels, pythons)
    }
}

/// What to read: files (or discovery), constraints, and the configuration file.
struct SourceOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Requirements files (read as `pip install -r` would), lockfiles or Dockerfiles (default: discover them).", valueName: "path"))
    var paths: [String] = []

    @Option(name: [.short, .customLong("constraint")], help: ArgumentHelp("A constraints file, as pip's -c (repeatable).", valueName: "file"))
    var constraints: [String] = []

    @Option(help: ArgumentHelp("A configuration file (default: .pinaudit.toml or pyproject.toml's [tool.pinaudit], found upward).", valueName: "file"))
    var config: String?
}
