/// The exit codes of pinaudit, decided in one place: 0 nothing at or above the threshold, 1 findings
/// at or above it (for plan, only when asked: updates pending), 3 the index did not answer for
/// every package. (2, unreadable input or a usage error, is the command line's.)
public enum ExitStatus {
    /// `check` and `audit`: 1 when a finding (other than `index-error`) reaches `failOn`, else 3 for an
    /// incomplete report, else 0.
    public static func of(_ report: Report, failOn: FailLevel) -> Int32 {
        if let threshold = failOn.threshold, report.findings.contains(where: { $0.severity >= threshold && $0.rule != .indexError }) {
            return 1
        }
        return report.incomplete ? 3 : 0
    }

    /// The plan's exit contract: 1 only when asked (`--exit-code`) and steps are pending, even when the
    /// index skipped packages (the pending steps are real either way); else 3 for an incomplete plan,
    /// else 0: a plan was made, whatever it holds.
    public static func ofPlan(hasSteps: Bool, incomplete: Bool, failWhenPending: Bool) -> Int32 {
        if failWhenPending && hasSteps { return 1 }
        return incomplete ? 3 : 0
    }
}
