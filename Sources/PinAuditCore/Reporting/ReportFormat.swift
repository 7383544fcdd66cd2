/// One output format (pip-audit's `_format`): its `--format` name, the report rendered in it, and
/// the plan when the format has a plan form. Adding a format is one conforming type and one line
/// in `ReportFormatRegistry.formats`.
public protocol ReportFormat: Sendable {
    /// The name `--format` takes.
    var name: String { get }
    func render(_ report: Report, context: ReportRenderContext) -> String
    /// Whether `plan` prints in this format.
    var rendersPlans: Bool { get }
    /// The update plan in this format; nil when the format has none (`plan` refuses it).
    func render(_ plan: Plan) -> String?
}

extension ReportFormat {
    public var rendersPlans: Bool { false }
    public func render(_ plan: Plan) -> String? { nil }
}

/// What a format may need beyond the report: the terminal's style and the tool's version.
public struct ReportRenderContext: Sendable {
    public var style: TextStyle
    public var toolVersion: String

    public init(style: TextStyle = .plain, toolVersion: String = PinAuditVersion.current) {
        self.style = style
        self.toolVersion = toolVersion
    }
}

/// Every output format, in the order `--help` lists them.
public enum ReportFormatRegistry {
    public static let formats: [any ReportFormat] = [
        TextReportFormat(),
        JSONReportFormat(),
        MarkdownReportFormat(),
        SARIFReportFormat(),
        GitHubReportFormat(),
    ]

    public static var names: [String] { formats.map(\.name) }

    /// The format `--format` names, or nil for an unknown name.
    public static func format(named name: String) -> (any ReportFormat)? {
        formats.first { $0.name == name }
    }
}
