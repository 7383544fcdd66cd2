/// `plan` after the run: the update plan over the run's inputs, asking the index the run remembered.
extension RunResult {
    public func plan() async throws -> Plan {
        guard let memo = indexed.memo, let connection = indexed.connection else {
            throw InputFailure("plan needs the index: run it without --no-index.")
        }
        var options = PlanOptions(targets: inputs.targets.environments, pythons: inputs.targets.pythons, targetLabels: report.targets,
                                  policy: settings.configuration.plan, today: inputs.today)
        options.vulnerabilityLookup = try connection.planVulnerabilityLookup(configuration: settings.configuration)
        return await UpdatePlanner(index: memo, options: options).plan(entries: inputs.reading.entries)
    }

    /// The exit status of `plan` (see `ExitStatus.ofPlan`).
    public func planExitStatus(_ plan: Plan, failWhenPending: Bool) -> Int32 {
        ExitStatus.ofPlan(hasSteps: !plan.steps.isEmpty, incomplete: plan.incomplete || report.incomplete, failWhenPending: failWhenPending)
    }

    /// The exit status of `check` and `audit` (see `ExitStatus.of`).
    public var exitStatus: Int32 { ExitStatus.of(report, failOn: settings.failOn) }
}
