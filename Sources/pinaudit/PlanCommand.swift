import ArgumentParser
import Foundation
import PackageIndexClient
import PinAuditCore

extension StepKind: ExpressibleByArgument {}

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan controlled updates, and apply them with --apply.",
        discussion: """
        Proposes an ordered list of steps, each small enough to test and revert alone: security fixes and \
        replacements for yanked pins first, then patch, minor and major updates. Every step is consistent: \
        the new versions' Requires-Dist is satisfied by the pins, and every dependent admits them; packages \
        that must move together (boto3 with botocore and s3transfer) move in one step, and a package a new \
        version needs is added, pinned. Policy comes from [plan] in the configuration (max-level, min-age \
        cooldown, default 7 days, freeze, pre-releases).

        Exit codes: 0 nothing to do, 1 updates pending, 2 usage or input error, 3 the index did not answer \
        for every package.

        Examples:
          pinaudit plan                                          # the plan, for people
          pinaudit plan --format markdown -o update-report.md    # the body of a scheduled update issue
          pinaudit plan --apply patch --dry-run                  # show the diff of security+patch steps
          pinaudit plan --apply minor --only django              # apply django's steps (and what they need)
        """
    )

    @OptionGroup var sources: SourceOptions

    @Option(help: ArgumentHelp("Rewrite the files for the steps up to this kind: security (security and yanked), patch, minor, major.", valueName: "kind"))
    var apply: StepKind?

    @Option(name: .customLong("only"), parsing: .upToNextOption, help: ArgumentHelp("With --apply: only the steps that move these packages (and the steps they depend on).", valueName: "package"))
    var only: [String] = []

    @Flag(help: "With --apply: print a unified diff of the changes and write nothing.")
    var dryRun = false

    @OptionGroup(title: "Output") var report: ReportOptions
    @OptionGroup(title: "Targets") var targets: TargetOptions
    @OptionGroup(title: "Index and cache") var index: IndexOptions

    func validate() throws {
        if apply == .yanked { throw ValidationError("--apply takes security (which includes yanked), patch, minor or major.") }
        if !only.isEmpty && apply == nil { throw ValidationError("--only goes with --apply.") }
        if dryRun && apply == nil { throw ValidationError("--dry-run goes with --apply.") }
        if [.sarif, .github].contains(report.format) { throw ValidationError("plan prints text, markdown or json.") }
    }

    func run() async throws {
        let pipeline = Pipeline(report: report, targets: targets, index: index, configPath: sources.config)
        let run = try await pipeline.run(command: "plan", paths: sources.paths, constraints: sources.constraints, useIndex: true, audit: false)
        guard let memo = run.memo else { throw ExitCode(2) }
        var options = PlanOptions(targets: run.environments, pythons: run.pythons, targetLabels: run.report.targets,
                                  policy: run.configuration.plan, today: run.today)
        do {
            options.vulnerabilityLookup = try LocalOSVDatabase.planLookup(configuration: run.configuration,
                                                                          cacheDirectory: run.client?.options.cacheDirectory)
        } catch { throw InputFailure("\(error).") }
        let plan = await UpdatePlanner(index: memo, options: options).plan(entries: run.reading.entries)
        let printer = ReportPrinter(options: report)

        if let level = apply {
            try applySteps(plan, level: level, entries: run.reading.entries, printer: printer)
        } else {
            let text: String
            switch report.format {
            case .markdown: text = PlanFormatter.markdown(plan)
            case .json: text = PlanFormatter.json(plan)
            default: text = PlanFormatter.text(plan)
            }
            try printer.write(text)
        }
        if plan.incomplete || run.report.incomplete { throw ExitCode(3) }
        throw ExitCode(plan.steps.isEmpty ? 0 : 1)
    }

    /// Rewrites (or, with --dry-run, diffs) every file the chosen steps touch; each write is atomic.
    private func applySteps(_ plan: Plan, level: StepKind, entries: [RequirementEntry], printer: ReportPrinter) throws {
        let steps = PlanSelection.steps(plan, upTo: level, only: only.map { $0.lowercased() })
        let edits = PlanSelection.edits(for: steps, entries: entries)
        let reader = DiskReader()
        var output = ""
        var rewritten: [(path: String, text: String)] = []
        for file in edits.files {
            let old = TextDecoding.decode(try reader.read(file.path)).text
            let new: String
            do {
                new = try RequirementsRewriter.rewrite(old, path: file.path, changes: file.changes, additions: file.additions)
            } catch let error as RequirementsRewriteError {
                throw InputFailure("\(error)")
            }
            if dryRun { output += RequirementsRewriter.unifiedDiff(old: old, new: new, path: file.path) }
            else if new != old { rewritten.append((file.path, new)) }
        }
        for (path, text) in rewritten {
            do { try AtomicFile.write(text, to: path) } catch { throw InputFailure("\(error)") }
            output += "updated \(path)\n"
        }
        for lock in edits.lockCommands { output += "run: \(lock.command)   # \(lock.lockfile)\n" }
        for manual in edits.manual { output += "edit \(manual.location): \(manual.instruction)\n" }
        if steps.isEmpty { output += "nothing to apply at level \(level.rawValue).\n" }
        else {
            output += "\(dryRun ? "would apply" : "applied") \(steps.count) step\(steps.count == 1 ? "" : "s"): "
                + steps.map { step in step.moves.map { "\($0.name) \($0.from ?? "new") → \($0.to)" }.joined(separator: ", ") }.joined(separator: "; ") + "\n"
        }
        try printer.write(output)
    }
}
