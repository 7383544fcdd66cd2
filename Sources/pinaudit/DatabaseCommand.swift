import ArgumentParser
import Foundation
import PackageIndexClient
import PinAuditCore

/// `pinaudit db update` and `pinaudit db status` (osv-scanner's and trivy's names): the local OSV
/// database that `audit` reads without extra flags once it is in the cache folder.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Fetch and inspect the local OSV vulnerability database.",
        discussion: """
        `db update` downloads OSV's PyPI export (a ZIP of OSV advisories) into the cache folder, \
        conditionally (nothing is downloaded when it has not changed), and replaces the stored copy only \
        once the download has been read whole. From then on `audit` merges it with the index's data \
        (`--vuln-source auto`, the default), offline too. `db status` shows where the database came from, \
        when it was fetched and how many advisories it holds.

        Exit codes: 0 done; 1 (status) no database; 2 usage error; 3 the database could not be fetched \
        or read (the previous one, if any, stays).

        Examples:
          pinaudit db update
          pinaudit db update --url https://mirror.example/osv/PyPI/all.zip
          pinaudit db status
        """,
        subcommands: [DatabaseUpdateCommand.self, DatabaseStatusCommand.self, DatabaseQueryCommand.self]
    )
}

/// Where the database lives.
struct DatabaseLocationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The cache folder (default: PINAUDIT_CACHE_DIR, else $XDG_CACHE_HOME/pinaudit).", valueName: "dir"))
    var cacheDir: String?

    @Option(help: ArgumentHelp("A configuration file (default: .pinaudit.toml or pyproject.toml's [tool.pinaudit], found upward).", valueName: "file"))
    var config: String?

    var cacheDirectory: URL { CacheLocation.resolve(flag: cacheDir) }
}

struct DatabaseUpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Download or refresh OSV's PyPI export into the cache folder.")

    @OptionGroup var location: DatabaseLocationOptions

    @Option(help: ArgumentHelp("Where to fetch the export from (default: PINAUDIT_VULN_DB_URL, the configuration's vuln-db-url, else OSV's public PyPI export).", valueName: "url"))
    var url: String?

    func run() async throws {
        let configuration = try ConfigurationLoader(fileSystem: DiskReader()).load(configPath: location.config)
        let source = OSVDatabaseUpdater.resolveURL(flag: url, configured: configuration.vulnDatabaseURL)
        let updater = OSVDatabaseUpdater(url: source, cacheDirectory: location.cacheDirectory,
                                         settings: HTTPTransportSettings(maxConcurrentTransfers: 1, totalTimeout: 900))
        switch await updater.update() {
        case .success(.updated(let status)):
            print("pinaudit: updated the OSV database \(status.location.path) from \(URLRedaction.redact(source)): \(DatabaseStatusCommand.contents(status)).")
        case .success(.notModified(let status)):
            print("pinaudit: the OSV database \(status.location.path) is current (\(URLRedaction.redact(source)) has not changed): \(DatabaseStatusCommand.contents(status)).")
        case .failure(let error):
            FileHandle.standardError.write(Data("pinaudit: error: the OSV database was not updated: \(error). The previous database, if any, is unchanged.\n".utf8))
            throw ExitCode(3)
        }
    }
}

struct DatabaseStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the local OSV database: source, date, advisory count.")

    @OptionGroup var location: DatabaseLocationOptions

    @Option(name: .customLong("vuln-db"), help: ArgumentHelp("Show this database (a ZIP or folder of OSV JSON files) instead of the cache folder's.", valueName: "path"))
    var vulnerabilityDatabase: String?

    func run() async throws {
        let configuration = try ConfigurationLoader(fileSystem: DiskReader()).load(configPath: location.config)
        let cache = location.cacheDirectory
        let store = OSVDatabaseStore(cacheDirectory: cache)
        let given = LocalOSVDatabase.given(flag: vulnerabilityDatabase, configured: configuration.vulnDatabase)
        let path = given.map { URL(fileURLWithPath: $0) } ?? store.database
        guard FileManager.default.fileExists(atPath: path.path) else {
            print("pinaudit: no OSV database at \(path.path): fetch one with `pinaudit db update`, or name one with `--vuln-db`.")
            throw ExitCode(1)
        }
        let summary: OSVDatabaseIndex.Summary
        do { summary = try LocalOSVDatabase(source: path, cacheDirectory: cache).open().summary } catch {
            FileHandle.standardError.write(Data("pinaudit: error: the OSV database \(path.path) cannot be read: \(error). Run `pinaudit db update` to fetch it again.\n".utf8))
            throw ExitCode(3)
        }
        let metadata = given == nil ? store.metadata() : nil
        var lines = ["database:   \(path.path)"]
        lines.append("source:     \(metadata.map { URLRedaction.redact($0.url) } ?? (given == nil ? "unknown (not fetched by `pinaudit db update`)" : "given with --vuln-db, PINAUDIT_VULN_DB or vuln-db"))")
        if let fetched = metadata?.fetched { lines.append("fetched:    \(fetched)") }
        lines.append("data up to: \(summary.latestModified ?? "unknown (no advisory has a modified date)")")
        lines.append("advisories: \(summary.advisories) (\(summary.withdrawn) withdrawn) on \(summary.packages) package\(summary.packages == 1 ? "" : "s")")
        print(lines.joined(separator: "\n"))
    }

    static func contents(_ status: OSVDatabaseStatus) -> String {
        let s = status.summary
        return "\(s.advisories) advisories (\(s.withdrawn) withdrawn) on \(s.packages) packages, data up to \(s.latestModified ?? "an unknown date")"
    }
}
