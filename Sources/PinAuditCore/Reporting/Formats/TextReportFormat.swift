/// `--format text`: for people, coloured on a terminal; the plan as numbered steps.
public struct TextReportFormat: ReportFormat {
    public init() {}
    public var name: String { "text" }
    public var rendersPlans: Bool { true }
    public func render(_ report: Report, context: ReportRenderContext) -> String { TextFormatter.format(report, style: context.style) }
    public func render(_ plan: Plan) -> String? { PlanFormatter.text(plan) }
}
