/// `--format sarif`: SARIF 2.1.0 for code scanning (no plan form).
public struct SARIFReportFormat: ReportFormat {
    public init() {}
    public var name: String { "sarif" }
    public func render(_ report: Report, context: ReportRenderContext) -> String {
        SARIFFormatter.format(report, toolVersion: context.toolVersion)
    }
}
