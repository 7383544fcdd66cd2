/// `--format github`: workflow commands that annotate the lines of a pull request (no plan form).
public struct GitHubReportFormat: ReportFormat {
    public init() {}
    public var name: String { "github" }
    public func render(_ report: Report, context: ReportRenderContext) -> String { GitHubFormatter.format(report) }
}
