/// `--format json`: the documented schema, for scripts; the plan in its own schema.
public struct JSONReportFormat: ReportFormat {
    public init() {}
    public var name: String { "json" }
    public var rendersPlans: Bool { true }
    public func render(_ report: Report, context: ReportRenderContext) -> String { JSONFormatter.format(report) }
    public func render(_ plan: Plan) -> String? { PlanFormatter.json(plan) }
}
