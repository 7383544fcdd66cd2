import Foundation
import PackageIndexClient
import PinAuditCore

/// What every command shares around the library's run: the disk, the index client and the lines on
/// standard error injected into `RunPipeline`, and the report printed.
struct RunFrontend {
    var sources: SourceOptions
    var report: ReportOptions
    var targets: TargetOptions
    var index: IndexOptions

    /// The command line's flags for the library, unresolved (`RunSettings` resolves them).
    var flags: RunFlags {
        var flags = RunFlags()
        flags.paths = sources.paths
        flags.constraints = sources.constraints
        flags.configPath = sources.config
        flags.pythonVersions = targets.pythonVersions
        flags.platforms = targets.platforms
        flags.failOn = report.failOn
        flags.indexURL = index.indexURL
        flags.extraIndexURLs = index.extraIndexURLs
        flags.indexLimits = index.limits.given
        flags.maxConcurrent = index.maxConcurrent
        return flags
    }

    /// Runs the library's pipeline for `request`.
    func run(_ request: RunRequest) async throws -> RunResult {
        let printer = ReportPrinter(options: report)
        let bar = ProgressBar(enabled: !report.quiet && report.format.name == OutputFormat.text.name && isatty(STDERR_FILENO) == 1)
        let connector = IndexClientConnector(cacheDir: index.cacheDir, refresh: index.refresh, offline: index.offline,
                                             maxAge: IndexOptions.seconds(index.maxAge) ?? 900,
                                             progress: { bar.handle($0) }, connected: { client in bar.bytes = { client.statistics.bytesDownloaded } })
        let pipeline = RunPipeline(fileSystem: DiskReader(), environment: ProcessInfo.processInfo.environment, connector: connector,
                                   observer: RunMessages(printer: printer, bar: bar), today: CalendarDay(Date()))
        return try await pipeline.run(request)
    }

    /// `check` and `audit`: runs, prints the report, and returns the exit status.
    func report(_ request: RunRequest) async throws -> Int32 {
        let result = try await run(request)
        let printer = ReportPrinter(options: report)
        try printer.write(printer.render(result.report))
        return result.exitStatus
    }
}

/// The run's progress as lines on standard error for people (`--quiet` silences them).
struct RunMessages: RunObserver {
    let printer: ReportPrinter
    let bar: ProgressBar

    func filesRead(_ files: [String]) {
        printer.info("pinaudit: read \(files.joined(separator: ", "))")
    }

    func indexFinished(packages: Int, traffic: IndexTraffic) {
        bar.finish()
        let connections = traffic.requests == 0 ? "" : " (\(traffic.connections) connections, \(traffic.http2Responses) answers over HTTP/2)"
        printer.info("pinaudit: \(packages) package\(packages == 1 ? "" : "s"), \(traffic.requests) request\(traffic.requests == 1 ? "" : "s")\(connections), \(traffic.cacheHits) from the cache, \(String(format: "%.1f", Double(traffic.bytesDownloaded) / 1_048_576)) MB")
    }
}
