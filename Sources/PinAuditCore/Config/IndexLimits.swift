/// What one run lets the index cost it: time to connect, the slowest acceptable answer, a
/// deadline for the whole run, and the largest answer of each kind.
///
/// Every limit has a default, a flag (`--connect-timeout`), an environment variable
/// (`PINAUDIT_CONNECT_TIMEOUT`) and a key under `[index-limits]` in the configuration; the flag
/// wins over the variable, which wins over the file. A limit that is hit ends in an `index-error`
/// finding for the packages concerned, whose message names the limit and `hint(for:)`.
public struct IndexLimits: Hashable, Sendable {
    /// Seconds to establish a connection.
    public var connectTimeout: Double = 10
    /// Seconds for one request, connection included.
    public var requestTimeout: Double = 60
    /// Bytes per second below which a transfer counts as stalled...
    public var lowSpeedLimit: Int = 1024
    /// ...when it stays below for this many seconds (whole seconds, at least 1).
    public var lowSpeedTime: Double = 10
    /// Seconds all index requests of the run may take together.
    public var deadline: Double = 600
    public var maxProjectDocumentBytes: Int = 64 << 20
    public var maxVersionDocumentBytes: Int = 8 << 20
    public var maxCoreMetadataBytes: Int = 8 << 20
    /// Parts of wheels read for METADATA, and a whole wheel from a server that ignores `Range`.
    public var maxWheelRangeBytes: Int = 20 << 20
    /// The bodies of all answers being received at once (so that a hostile index sending endless
    /// answers for every package costs this much memory, not sixteen times the largest limit).
    public var maxBytesInFlight: Int = 128 << 20

    public init() {}

    public static let defaults = IndexLimits()

    /// One limit: its configuration key, flag and environment variable.
    public enum Setting: String, CaseIterable, Sendable {
        case connectTimeout = "connect-timeout"
        case requestTimeout = "request-timeout"
        case lowSpeedLimit = "low-speed-limit"
        case lowSpeedTime = "low-speed-time"
        case deadline
        case maxProjectDocumentSize = "max-project-document-size"
        case maxVersionDocumentSize = "max-version-document-size"
        case maxCoreMetadataSize = "max-core-metadata-size"
        case maxWheelRangeSize = "max-wheel-range-size"
        case maxInFlightSize = "max-in-flight-size"

        /// The configuration key under `[index-limits]`.
        public var key: String { rawValue }
        public var flag: String { "--" + rawValue }
        public var environmentVariable: String {
            "PINAUDIT_" + rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
        }

        public enum Unit: Sendable { case seconds, bytes, bytesPerSecond }

        public var unit: Unit {
            switch self {
            case .connectTimeout, .requestTimeout, .lowSpeedTime, .deadline: .seconds
            case .lowSpeedLimit: .bytesPerSecond
            case .maxProjectDocumentSize, .maxVersionDocumentSize, .maxCoreMetadataSize, .maxWheelRangeSize, .maxInFlightSize: .bytes
            }
        }

        /// How a value is written, for messages: "a duration such as 30, 90s, 2m".
        public var expected: String {
            switch unit {
            case .seconds: "a duration greater than 0, such as 30, 90s, 2m or 1h"
            case .bytes: "a size greater than 0, such as 1048576, 512KiB, 64MiB or 1GiB"
            case .bytesPerSecond: "a number of bytes per second (0 turns the check off), such as 1024 or 10KiB"
            }
        }
    }

    /// "raise it with --x, PINAUDIT_X or `x` under [index-limits] in .pinaudit.toml".
    public static func hint(for setting: Setting, verb: String = "raise") -> String {
        "\(verb) it with \(setting.flag), \(setting.environmentVariable) or `\(setting.key)` under [index-limits] in .pinaudit.toml"
    }

    /// The value of a limit, in its unit.
    public subscript(setting: Setting) -> Double {
        get {
            switch setting {
            case .connectTimeout: connectTimeout
            case .requestTimeout: requestTimeout
            case .lowSpeedLimit: Double(lowSpeedLimit)
            case .lowSpeedTime: lowSpeedTime
            case .deadline: deadline
            case .maxProjectDocumentSize: Double(maxProjectDocumentBytes)
            case .maxVersionDocumentSize: Double(maxVersionDocumentBytes)
            case .maxCoreMetadataSize: Double(maxCoreMetadataBytes)
            case .maxWheelRangeSize: Double(maxWheelRangeBytes)
            case .maxInFlightSize: Double(maxBytesInFlight)
            }
        }
        set {
            let bytes = Int(min(newValue, Double(Int.max / 2)))
            switch setting {
            case .connectTimeout: connectTimeout = newValue
            case .requestTimeout: requestTimeout = newValue
            case .lowSpeedLimit: lowSpeedLimit = bytes
            case .lowSpeedTime: lowSpeedTime = max(1, newValue.rounded(.up))
            case .deadline: deadline = newValue
            case .maxProjectDocumentSize: maxProjectDocumentBytes = bytes
            case .maxVersionDocumentSize: maxVersionDocumentBytes = bytes
            case .maxCoreMetadataSize: maxCoreMetadataBytes = bytes
            case .maxWheelRangeSize: maxWheelRangeBytes = bytes
            case .maxInFlightSize: maxBytesInFlight = bytes
            }
        }
    }

    /// The limits in force: each from its flag, else its environment variable, else the
    /// configuration, else the default.
    /// - Throws: `IndexLimitError` naming the flag or variable whose value cannot be read.
    public static func resolve(flags: [Setting: String], environment: [String: String],
                               configured: [Setting: Double]) throws -> IndexLimits {
        var limits = IndexLimits.defaults
        for setting in Setting.allCases {
            if let text = flags[setting] {
                guard let value = parse(text, for: setting) else {
                    throw IndexLimitError("\(setting.flag) takes \(setting.expected), not '\(text)'.")
                }
                limits[setting] = value
            } else if let text = environment[setting.environmentVariable], !text.isEmpty {
                guard let value = parse(text, for: setting) else {
                    throw IndexLimitError("\(setting.environmentVariable) must be \(setting.expected), not '\(text)': fix or unset it.")
                }
                limits[setting] = value
            } else if let value = configured[setting] {
                limits[setting] = value
            }
        }
        return limits
    }

    /// A value as written on the command line, in the environment or as a configuration string.
    public static func parse(_ text: String, for setting: Setting) -> Double? {
        let value: Double?
        switch setting.unit {
        case .seconds: value = parseSeconds(text)
        case .bytes, .bytesPerSecond: value = parseBytes(text)
        }
        guard let value, value.isFinite else { return nil }
        return isAcceptable(value, for: setting) ? value : nil
    }

    /// Whether a number is a usable value (positive; 0 allowed only for the low-speed limit).
    public static func isAcceptable(_ value: Double, for setting: Setting) -> Bool {
        setting.unit == .bytesPerSecond ? value >= 0 : value > 0
    }

    /// `30`, `30s`, `2m`, `1h`, `1d` → seconds.
    static func parseSeconds(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace.lowercased()
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let last = trimmed.last, let unit = units[last] { return Double(trimmed.dropLast()).map { $0 * unit } }
        return Double(trimmed)
    }

    /// `1048576`, `512K`, `512KB`, `512KiB`, `64M`, `1G` → bytes (units are powers of 1024).
    static func parseBytes(_ text: String) -> Double? {
        var trimmed = Substring(text.trimmingWhitespace.lowercased())
        if trimmed.hasSuffix("ib") { trimmed = trimmed.dropLast(2) } else if trimmed.hasSuffix("b") { trimmed = trimmed.dropLast() }
        let units: [Character: Double] = ["k": 1024, "m": 1024 * 1024, "g": 1024 * 1024 * 1024]
        if let last = trimmed.last, let unit = units[last] { return Double(trimmed.dropLast()).map { ($0 * unit).rounded() } }
        return Double(trimmed)
    }

    /// "64 MiB", "512 KiB", "300 bytes".
    public static func describe(bytes: Int) -> String {
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size {
            let value = Double(bytes) / Double(size)
            return value == value.rounded() ? "\(Int(value)) \(unit)" : "\((value * 10).rounded() / 10) \(unit)"
        }
        return "\(bytes) bytes"
    }

    /// "10 s", "1.5 s".
    public static func describe(seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}

/// A limit given on the command line or in the environment that cannot be read.
public struct IndexLimitError: Error, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
