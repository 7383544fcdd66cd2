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

        --apply writes each file atomically (a temporary file beside it, then a rename) and follows \
        symbolic links to the file they lead to, which is updated while the links stay links; the target \
        keeps its mode, owner and group, and no file becomes more permissive. A link leading outside the \
        working directory (or its git repository) and the folder of the path as named, a dangling link, a \
        file with several hard links, a read-only file, and a file changed since pinaudit read it are \
        refused with exit 2. Several files are all or nothing: each is checked and staged first, and one \
        refusal leaves every file as it was.

        Exit codes: 0 a plan was made, whatever it holds (a scheduled report succeeds when it has updates \
        to report); 1 with --exit-code, updates are pending; 2 usage error or unreadable input; 3 the index \
        did not answer for every package (the plan is still written and names the skipped packages; with \
        --exit-code, pending updates win: 1).

        Examples:
          pinaudit plan                                          # the plan, for people
          pinaudit plan --format markdown -o update-report.md    # the body of a scheduled update issue
          pinaudit plan --apply patch --dry-run                  # show the diff of security+patch steps
          pinaudit plan --apply minor --only django              # apply django's steps (and what they need)
          pinaudit plan --exit-code --quiet                      # a gate: fail while updates are pending
        """
    )

    @OptionGroup var sources: SourceOptions

    @Option(help: ArgumentHelp("Rewrite the files for the steps up to this kind: security (security and yanked), patch, minor, major.", valueName: "kind"))
    var apply: StepKind?

    @Option(name: .customLong("only"), parsing: .upToNextOption, help: ArgumentHelp("With --apply: only the steps that move these packages (and the steps they depend on).", valueName: "package"))
    var only: [String] = []

    @Flag(help: "With --apply: print a unified diff of the changes and write nothing.")
    var dryRun = false

    @Flag(help: "Exit 1 when the plan has steps (updates pending), as `git diff --exit-code` does; without it a plan exits 0.")
    var exitCode = false

    @OptionGroup(title: "Output") var report: ReportOptions
    @OptionGroup(title: "Targets") var targets: TargetOptions
    @OptionGroup(title: "Index and cache") var index: IndexOptions

    func validate() throws {
        if apply == .yanked { throw ValidationError("--apply takes security (which includes yanked), patch, minor or major.") }
        if !only.isEmpty && apply == nil { throw ValidationError("--only goes with --apply.") }
        if dryRun && apply == nil { throw ValidationError("--dry-run goes with --apply.") }
        if report.failOn != nil {
            // The plan's exit status says whether a plan was made; findings do not decide it.
            throw ValidationError("plan does not take --fail-on: it exits 0 when a plan was made. Use --exit-code to exit 1 while updates are pending.")
        }
        if !report.format.format.rendersPlans {
            let names = ReportFormatRegistry.formats.filter(\.rendersPlans).map(\.name)
            throw ValidationError("plan prints \(names.dropLast().joined(separator: ", ")) or \(names.last ?? "text").")
        }
    }

    func run() async throws {
        let frontend = RunFrontend(sources: sources, report: report, targets: targets, index: index)
        let run = try await frontend.run(RunRequest(command: .plan, flags: frontend.flags))
        let plan = try await run.plan()
        let printer = ReportPrinter(options: report)
        if let level = apply {
            try applySteps(plan, level: level, entries: run.inputs.reading.entries, printer: printer)
        } else {
            try printer.write(printer.render(plan))
        }
        throw ExitCode(run.planExitStatus(plan, failWhenPending: exitCode))
    }

    /// Rewrites (or, with --dry-run, diffs) every file the chosen steps touch; each write is atomic.
    private func applySteps(_ plan: Plan, level: StepKind, entries: [RequirementEntry], printer: ReportPrinter) throws {
        let steps = PlanSelection.steps(plan, upTo: level, only: only.map { $0.lowercased() })
        let edits = PlanSelection.edits(for: steps, entries: entries)
        let reader = DiskReader()
        var output = ""
        var batch = FileReplacementBatch()
        for file in edits.files {
            let bytes: [UInt8]
            do { bytes = try reader.read(file.path) } catch { throw InputFailure("cannot read \(file.path): \(error).") }
            if DiskReader.ledger.changed(file.path, now: bytes) {
                throw InputFailure(FileWriteError.changedSinceRead(named: file.path, target: file.path).description)
            }
            let old = TextDecoding.decode(bytes).text
            let new: String
            do {
                new = try file.rewrite(old)
            } catch let error as RequirementsRewriteError {
                throw InputFailure("\(error)")
            }
            if dryRun { output += RequirementsRewriter.unifiedDiff(old: old, new: new, path: file.path) }
            else if new != old { batch.replacements.append(.init(path: file.path, expected: bytes, contents: Array(new.utf8))) }
        }
        // All or nothing: see FileReplacementBatch.
        let written: [FileReplacementBatch.Outcome]
        do { written = try batch.commit() } catch { throw InputFailure(error.description) }
        for file in written {
            output += OutputSanitizer.terminal("updated \(file.target)" + (file.named == file.target ? "" : " (through the link \(file.named))")) + "\n"
        }
        for lock in edits.lockCommands { output += OutputSanitizer.terminal("run: \(lock.command)   # \(lock.lockfile)") + "\n" }
        for manual in edits.manual { output += OutputSanitizer.terminal("edit \(manual.location): \(manual.instruction)") + "\n" }
        if steps.isEmpty { output += "nothing to apply at level \(level.rawValue).\n" }
        else {
            output += OutputSanitizer.terminal("\(dryRun ? "would apply" : "applied") \(steps.count) step\(steps.count == 1 ? "" : "s"): "
                + steps.map { step in step.moves.map { "\($0.name) \($0.from ?? "new") → \($0.to)" }.joined(separator: ", ") }.joined(separator: "; ")) + "\n"
        }
        try printer.write(output)
    }
}
