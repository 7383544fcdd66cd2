import ArgumentParser
import Foundation
import PackageIndexClient
import PinAuditCore
import PythonPackaging

/// `pinaudit db query`: the local OSV database's answer for pins, without the index (offline,
/// for any version, released or not): what `audit` merges into its report, alone.
struct DatabaseQueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Look pins up in the local OSV database alone (no index).",
        discussion: """
        Reads the exact pins of requirements files, constraints files (-c), lockfiles and Dockerfiles, and \
        `--pin NAME==VERSION`, and prints the advisories of the local OSV database that affect each one. \
        JSON output has the shape of `audit --format json`'s `packages` (name, version, vulnerabilities). \
        Timings go to standard error.

        Examples:
          pinaudit db query --pin requests==2.25.1
          pinaudit db query -c constraints.txt --format json
        """)

    @Argument(help: ArgumentHelp("Requirements files, lockfiles or Dockerfiles whose pins to look up.", valueName: "path"))
    var paths: [String] = []

    @Option(name: [.short, .customLong("constraint")], help: ArgumentHelp("A constraints file whose pins to look up (repeatable).", valueName: "file"))
    var constraints: [String] = []

    @Option(name: .customLong("pin"), help: ArgumentHelp("A pin to look up, NAME==VERSION (repeatable).", valueName: "pin"))
    var pins: [String] = []

    @Option(name: .customLong("vuln-db"), help: ArgumentHelp("The database (default: PINAUDIT_VULN_DB, the configuration's vuln-db, else the cache folder's copy).", valueName: "path"))
    var vulnerabilityDatabase: String?

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: String = "text"

    @OptionGroup var location: DatabaseLocationOptions

    func validate() throws {
        if !["text", "json"].contains(format) { throw ValidationError("db query prints text or json, not '\(format)'.") }
        if paths.isEmpty && constraints.isEmpty && pins.isEmpty { throw ValidationError("Name a file, a constraints file (-c) or a --pin to look up.") }
    }

    func run() async throws {
        let configuration = try ConfigurationLoader(fileSystem: DiskReader()).load(configPath: location.config)
        let cache = location.cacheDirectory
        guard let source = LocalOSVDatabase.resolve(flag: vulnerabilityDatabase, configured: configuration.vulnDatabase, cacheDirectory: cache) else {
            throw InputFailure("there is no local OSV database in \(cache.path): fetch one with `pinaudit db update`, or name one with `--vuln-db`.")
        }
        var queries: [VulnerabilityQuery] = []
        var seen: Set<String> = []
        func add(_ name: String, _ version: String) {
            if seen.insert("\(name)==\(version)").inserted { queries.append(VulnerabilityQuery(name: name, version: version)) }
        }
        for pin in pins {
            let parts = pin.components(separatedBy: "==")
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw InputFailure("--pin takes NAME==VERSION, such as requests==2.25.1, not '\(pin)'.")
            }
            add(PackageName.canonicalize(parts[0].trimmingCharacters(in: .whitespaces)), parts[1].trimmingCharacters(in: .whitespaces))
        }
        if !paths.isEmpty || !constraints.isEmpty {
            for entry in try InputReader(fileSystem: DiskReader(), environment: ProcessInfo.processInfo.environment).read(paths, constraints: constraints).entries {
                if let name = entry.canonicalName, let version = entry.pinnedVersion { add(name, version) }
            }
        }
        let opened = ContinuousClock.now
        let index: OSVDatabaseIndex
        do { index = try LocalOSVDatabase(source: source, cacheDirectory: cache).open() } catch {
            throw InputFailure("the OSV database \(source.path) cannot be read: \(error). Run `pinaudit db update` to fetch it again.")
        }
        let started = ContinuousClock.now
        let found = queries.map { VulnerabilityMerge.merge([index.vulnerabilities(package: $0.name, version: $0.version)]) }
        let finished = ContinuousClock.now
        FileHandle.standardError.write(Data(("pinaudit: \(queries.count) pin\(queries.count == 1 ? "" : "s") looked up in \(Self.milliseconds(finished - started)) ms "
            + "(the database opened in \(Self.milliseconds(started - opened)) ms)\n").utf8))
        print(format == "json" ? Self.json(queries, found) : Self.text(queries, found))
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }

    static func json(_ queries: [VulnerabilityQuery], _ found: [[Vulnerability]]) -> String {
        let packages = zip(queries, found).map { query, affecting -> JSONValue in
            return .object([("name", .string(query.name)), ("version", .string(query.version)),
                            ("vulnerabilities", .array(affecting.map { v in
                                .object([("id", .string(v.id)), ("aliases", .strings(v.aliases)), ("fixed_in", .strings(v.fixedIn)),
                                         ("summary", .optional(v.summary)), ("link", .optional(v.link)), ("malicious", .bool(v.isMalicious))])
                            }))])
        }
        return JSONValue.object([("packages", .array(packages))]).rendered()
    }

    static func text(_ queries: [VulnerabilityQuery], _ found: [[Vulnerability]]) -> String {
        zip(queries, found).map { query, list in
            guard !list.isEmpty else { return "\(query.name)==\(query.version): no known vulnerability" }
            return "\(query.name)==\(query.version): " + list.map { v in
                let aliases = v.aliases.filter { $0 != v.id }
                return v.id + (aliases.isEmpty ? "" : " (\(aliases.joined(separator: ", ")))")
                    + (v.isMalicious ? " [malicious]" : v.fixedIn.isEmpty ? "" : " [fixed in \(v.fixedIn.joined(separator: ", "))]")
            }.joined(separator: "; ")
        }.joined(separator: "\n")
    }
}
