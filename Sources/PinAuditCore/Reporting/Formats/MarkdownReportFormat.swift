/// `--format markdown`: a report for an issue or a pull request; the plan as an update issue's body.
public struct MarkdownReportFormat: ReportFormat {
    public init() {}
    public var name: String { "markdown" }
    public var rendersPlans: Bool { true }
    public func render(_ report: Report, context: ReportRenderContext) -> String { MarkdownFormatter.format(report) }
    public func render(_ plan: Plan) -> String? { PlanFormatter.markdown(plan) }
}
