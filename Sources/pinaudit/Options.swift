import ArgumentParser
import Foundation
import PinAuditCore
import PythonPackaging

/// `--format`: one of the library's registered formats (`ReportFormatRegistry`).
struct OutputFormat: ExpressibleByArgument {
    let format: any ReportFormat

    init?(argument: String) {
        guard let format = ReportFormatRegistry.format(named: argument) else { return nil }
        self.format = format
    }

    static let text = OutputFormat(argument: "text")!

    var name: String { format.name }
    var defaultValueDescription: String { name }
    static var allValueStrings: [String] { ReportFormatRegistry.names }
}

extension FailLevel: ExpressibleByArgument {}

enum ColorMode: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

extension MarkerEnvironment.Platform: ExpressibleByArgument {}

extension VulnerabilitySource: ExpressibleByArgument {}

extension VulnerabilityThreshold: ExpressibleByArgument {
    public init?(argument: String) { self.init(word: argument) }
    public static var allValueStrings: [String] { words }
}

/// What `audit` checks beyond the configuration file.
struct AuditFlags: ParsableArguments {
    @Option(name: .customLong("vuln-source"),
            help: "Where vulnerabilities come from: auto (the index's per-version data, merged with the local OSV database when there is one), pypi (the index's data alone), osv (OSV's API), both (the index and OSV's API, merged), osv-db (the local OSV database alone) (default: the configuration's vuln-source, else auto).")
    var vulnerabilitySource: VulnerabilitySource?

    @Option(name: .customLong("vuln-fail-on"),
            help: ArgumentHelp("Fail only on vulnerabilities at or above this severity: low, medium (or moderate), high, critical; lower ones are reported as notes, and one without a severity counts as at it (default: the configuration's vuln-fail-on, else every vulnerability fails).", valueName: "severity"))
    var vulnerabilityFailOn: VulnerabilityThreshold?

    @Option(name: .customLong("vuln-db"), help: ArgumentHelp("A local OSV database: OSV's PyPI export (a ZIP of OSV JSON files) or a folder of OSV JSON files (default: PINAUDIT_VULN_DB, the configuration's vuln-db, else the copy `pinaudit db update` keeps in the cache folder).", valueName: "path"))
    var vulnerabilityDatabase: String?

    @Option(name: .customLong("ignore-vuln"), help: ArgumentHelp("Ignore a vulnerability by id or alias (repeatable), as pip-audit's flag; an ignore that matches nothing is reported as a note.", valueName: "id"))
    var ignoredVulnerabilities: [String] = []

    @Flag(help: "Hash-checking mode, as pip's flag: every pinned requirement must carry --hash values (on anyway when any requirement has one, or a file says --require-hashes).")
    var requireHashes = false

    /// `flags` with these flags set.
    func adding(to flags: RunFlags) -> RunFlags {
        var flags = flags
        flags.vulnerabilitySource = vulnerabilitySource
        flags.vulnerabilityFailOn = vulnerabilityFailOn
        flags.vulnerabilityDatabase = vulnerabilityDatabase
        flags.ignoredVulnerabilities = ignoredVulnerabilities
        flags.requireHashes = requireHashes
        return flags
    }
}

/// How results are shown and when the run fails.
struct ReportOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output format: \(OutputFormat.allValueStrings.joined(separator: ", ")).")
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
}

/// What to read: files (or discovery), constraints, and the configuration file.
struct SourceOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Requirements files (read as `pip install -r` would), lockfiles or Dockerfiles (default: discover them).", valueName: "path"))
    var positionalPaths: [String] = []

    @Option(name: [.short, .customLong("requirement")], help: ArgumentHelp("A requirements file, as pip's -r (repeatable; mixes with positional paths).", valueName: "file"))
    var requirements: [String] = []

    /// The files to read: the positional paths, then every `-r` file.
    var paths: [String] { positionalPaths + requirements }

    @Option(name: [.short, .customLong("constraint")], help: ArgumentHelp("A constraints file, as pip's -c (repeatable).", valueName: "file"))
    var constraints: [String] = []

    @Option(help: ArgumentHelp("A configuration file (default: .pinaudit.toml or pyproject.toml's [tool.pinaudit], found upward).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Refuse input files larger than this: bytes, or 64M, 1G (default: PINAUDIT_MAX_FILE_SIZE, else 16M).", valueName: "size"))
    var maxFileSize: String?

    func validate() throws {
        // Every command reads through DiskReader, so the limit is set once, here, for the process.
        do {
            DiskReader.maxFileSize = try FileSizeLimit.resolve(flag: maxFileSize, environment: ProcessInfo.processInfo.environment)
        } catch let failure as InputFailure {
            throw ValidationError(failure.description)
        }
    }
}
