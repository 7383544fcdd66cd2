import ArgumentParser
import PinAuditCore

/// The flags of `IndexLimits`: timeouts, the low-speed check, the run's deadline and the largest
/// answer of each kind. Each wins over its `PINAUDIT_` variable and its `[index-limits]` key.
struct IndexLimitOptions: ParsableArguments {
    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds to connect to the index (default 10; also 30s, 2m).", valueName: "duration"))
    var connectTimeout: String?

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp("Seconds one request may take (default 60).", valueName: "duration"))
    var requestTimeout: String?

    @Option(name: .customLong("low-speed-limit"), help: ArgumentHelp("An answer slower than this many bytes per second for --low-speed-time is abandoned (default 1024; 0 turns the check off).", valueName: "bytes"))
    var lowSpeedLimit: String?

    @Option(name: .customLong("low-speed-time"), help: ArgumentHelp("Seconds an answer may stay below --low-speed-limit (default 10).", valueName: "duration"))
    var lowSpeedTime: String?

    @Option(name: .customLong("deadline"), help: ArgumentHelp("Time all index requests of the run may take together (default 10m); packages not answered by then are index errors.", valueName: "duration"))
    var deadline: String?

    @Option(name: .customLong("max-project-document-size"), help: ArgumentHelp("The largest project document or Simple API page accepted (default 64MiB).", valueName: "size"))
    var maxProjectDocumentSize: String?

    @Option(name: .customLong("max-version-document-size"), help: ArgumentHelp("The largest version document accepted (default 8MiB).", valueName: "size"))
    var maxVersionDocumentSize: String?

    @Option(name: .customLong("max-core-metadata-size"), help: ArgumentHelp("The largest core metadata file (PEP 658) accepted (default 8MiB).", valueName: "size"))
    var maxCoreMetadataSize: String?

    @Option(name: .customLong("max-wheel-range-size"), help: ArgumentHelp("The largest part of a wheel read for its METADATA, or whole wheel from a server that ignores Range (default 20MiB).", valueName: "size"))
    var maxWheelRangeSize: String?

    @Option(name: .customLong("max-in-flight-size"), help: ArgumentHelp("The most bytes of answers in transfer at once, all requests together (default 128MiB).", valueName: "size"))
    var maxInFlightSize: String?

    /// The flags given, by setting.
    var given: [IndexLimits.Setting: String] {
        let values: [(IndexLimits.Setting, String?)] = [
            (.connectTimeout, connectTimeout), (.requestTimeout, requestTimeout), (.lowSpeedLimit, lowSpeedLimit),
            (.lowSpeedTime, lowSpeedTime), (.deadline, deadline), (.maxProjectDocumentSize, maxProjectDocumentSize),
            (.maxVersionDocumentSize, maxVersionDocumentSize), (.maxCoreMetadataSize, maxCoreMetadataSize),
            (.maxWheelRangeSize, maxWheelRangeSize), (.maxInFlightSize, maxInFlightSize),
        ]
        var result: [IndexLimits.Setting: String] = [:]
        for (setting, value) in values { if let value { result[setting] = value } }
        return result
    }

    func validate() throws {
        for (setting, text) in given where IndexLimits.parse(text, for: setting) == nil {
            throw ValidationError("\(setting.flag) takes \(setting.expected), not '\(text)'.")
        }
    }
}
