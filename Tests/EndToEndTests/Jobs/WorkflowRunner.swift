import Foundation

/// Runs the steps of a workflow job, and of the composite action it uses, on this machine as a GitHub
/// runner would: each `run:` block through `bash -eo pipefail` in the workspace, with `${{ … }}`
/// substituted, `GITHUB_ENV`, `GITHUB_PATH`, `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` in temporary
/// files, and `if:` conditions evaluated. Actions from elsewhere are stood in for: checkout, artifact
/// upload and Swift setup do nothing (the workspace is ready, the test machine has Swift), and
/// `actions/cache` restores `cachedFolder`.
final class WorkflowRunner {
    struct StepRecord { var label: String; var ran: Bool; var status: Int32 }
    struct Outcome {
        var status: Int32
        var log: String
        var steps: [StepRecord]
        /// The job summary the steps wrote (`GITHUB_STEP_SUMMARY`).
        var summaryFile: URL
        /// The keys `actions/cache` was asked for, in order.
        var cacheKeys: [String]
        func ran(_ label: String) -> Bool { steps.contains { $0.label == label && $0.ran } }
    }

    let workspace: URL
    /// This repository: where `uses: ./` and `uses: OWNER/pinaudit@REF` point.
    let actionRoot: URL
    let runnerTemp: URL
    /// The machine's environment for every step (index URL, cache folder, PATH with the fake `gh`).
    var environment: [String: String]
    /// Values the test puts in place of the workflow's own `env:` entries.
    var envOverrides: [String: String] = [:]
    /// What `actions/cache` restores: this folder's files are copied to the cached path (a hit).
    var cachedFolder: URL?
    private var cacheKeys: [String] = []

    let summaryFile: URL
    let envFile: URL, pathFile: URL
    var log = ""
    private var records: [StepRecord] = []

    init(workspace: URL, actionRoot: URL, environment: [String: String]) throws {
        self.workspace = workspace
        self.actionRoot = actionRoot
        self.environment = environment
        runnerTemp = FileManager.default.temporaryDirectory.appendingPathComponent("pinaudit-runner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: runnerTemp, withIntermediateDirectories: true)
        envFile = runnerTemp.appendingPathComponent("github-env")
        pathFile = runnerTemp.appendingPathComponent("github-path")
        summaryFile = runnerTemp.appendingPathComponent("step-summary.md")
        for file in [envFile, pathFile, summaryFile] { try Data().write(to: file) }
    }

    /// Runs job `name` of `workflow` from its first step; stops at the first failure, as GitHub does.
    func run(_ workflow: GitHubActionsFile, job name: String) async throws -> Outcome {
        log = ""; records = []; cacheKeys = []
        let job = try workflow.steps(ofJob: name)
        var scope: [String: String] = [:]
        var context = WorkflowContext(github: ["token": "fake-token", "workspace": workspace.path, "action_path": actionRoot.path],
                                      runner: ["temp": runnerTemp.path, "os": "Linux", "arch": "X64"])
        for (key, value) in workflow.env + job.env { scope[key] = try envOverrides[key] ?? context.substitute(value) }
        var status: Int32 = 0
        for step in job.steps {
            if let code = try await execute(step, context: &context, scope: scope, jobFailed: status != 0, actionPath: nil), code != 0, status == 0 {
                status = code
            }
        }
        return Outcome(status: status, log: log, steps: records, summaryFile: summaryFile, cacheKeys: cacheKeys)
    }

    /// Runs one step; nil when its condition skipped it.
    private func execute(_ step: WorkflowStep, context: inout WorkflowContext, scope: [String: String], jobFailed: Bool, actionPath: URL?) async throws -> Int32? {
        var env = environment.merging(scope) { $1 }.merging(try exportedEnvironment()) { $1 }
        context.env = env
        guard try context.holds(step.condition, jobFailed: jobFailed) else {
            records.append(StepRecord(label: step.label, ran: false, status: 0))
            return nil
        }
        for (key, value) in step.env { env[key] = try context.substitute(value) }
        var outputs: [String: String] = [:]
        let status: Int32
        if let script = step.run {
            (status, outputs) = try await runScript(try context.substitute(script), env: env, actionPath: actionPath, label: step.label)
        } else if let uses = step.uses {
            var with: [String: String] = [:]
            for (key, value) in step.with { with[key] = try context.substitute(value) }
            (status, outputs) = try await use(uses, with: with, context: context, scope: scope)
        } else {
            throw WorkflowRunError("step \(step.label) has neither run nor uses")
        }
        if let id = step.id { context.stepOutputs[id] = outputs }
        records.append(StepRecord(label: step.label, ran: true, status: status))
        return status
    }

    /// Stands in for an action: this repository's own, or one from elsewhere.
    private func use(_ uses: String, with: [String: String], context: WorkflowContext, scope: [String: String]) async throws -> (Int32, [String: String]) {
        if uses == "./" || uses.contains("/pinaudit@") { return try await runAction(with: with, outer: context, scope: scope) }
        if uses.hasPrefix("actions/checkout@") || uses.hasPrefix("actions/upload-artifact@") || uses.hasPrefix("swift-actions/setup-swift@") {
            log += "(\(uses): stood in for, nothing to do here)\n"
            return (0, [:])
        }
        if uses.hasPrefix("actions/cache@") {
            cacheKeys.append(with["key"] ?? "")
            guard let cachedFolder, let path = with["path"], !path.isEmpty else { return (0, ["cache-hit": "false"]) }
            let target = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for name in try FileManager.default.contentsOfDirectory(atPath: cachedFolder.path) {
                let destination = target.appendingPathComponent(name)
                try? FileManager.default.removeItem(at: destination)
                try FileManager.default.copyItem(at: cachedFolder.appendingPathComponent(name), to: destination)
            }
            log += "(actions/cache: restored \(path) for key \(with["key"] ?? ""))\n"
            return (0, ["cache-hit": "true"])
        }
        throw WorkflowRunError("the tests do not stand in for the action \(uses)")
    }

    /// The composite action in `action.yml`, with `with` over its input defaults.
    private func runAction(with: [String: String], outer: WorkflowContext, scope: [String: String]) async throws -> (Int32, [String: String]) {
        let action = try GitHubActionsFile.load(actionRoot.appendingPathComponent("action.yml"))
        for key in with.keys where action.inputDefaults[key] == nil { throw WorkflowRunError("action.yml has no input \(key)") }
        var context = WorkflowContext(inputs: action.inputDefaults.merging(with) { $1 }, github: outer.github, runner: outer.runner)
        var status: Int32 = 0
        for step in action.actionSteps {
            if let code = try await execute(step, context: &context, scope: scope, jobFailed: status != 0, actionPath: actionRoot), code != 0, status == 0 {
                status = code
            }
        }
        var outputs: [String: String] = [:]
        for (key, value) in action.outputs { outputs[key] = try context.substitute(value) }
        return (status, outputs)
    }
}
