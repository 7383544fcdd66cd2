import Foundation
import Yams

/// One step of a workflow job or of a composite action, as its YAML says.
struct WorkflowStep {
    var id: String?
    var name: String?
    /// The `if:` condition, as written.
    var condition: String?
    var run: String?
    var uses: String?
    var with: [(key: String, value: String)] = []
    var env: [(key: String, value: String)] = []

    /// What a log line calls the step.
    var label: String { name ?? id ?? uses ?? String(run?.prefix(40) ?? "step") }
}

/// A GitHub Actions workflow or composite action file read with Yams: the parts the tests run.
/// Scalars are kept as their text (so `on:` stays a key and `1` stays "1"), and order is kept.
struct GitHubActionsFile {
    struct Job {
        var env: [(key: String, value: String)]
        var steps: [WorkflowStep]
    }

    /// Workflow: the top-level `env:`, and the jobs in file order.
    var env: [(key: String, value: String)] = []
    var jobs: [(name: String, job: Job)] = []
    /// Composite action: input defaults, output value expressions, and `runs.steps`.
    var inputDefaults: [String: String] = [:]
    var outputs: [(key: String, value: String)] = []
    var actionSteps: [WorkflowStep] = []

    static func load(_ url: URL) throws -> GitHubActionsFile {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let root = try Yams.compose(yaml: text) else { throw WorkflowRunError("\(url.path) is empty") }
        var file = GitHubActionsFile()
        file.env = pairs(root["env"])
        for (name, job) in root["jobs"]?.mapping ?? [:] {
            file.jobs.append((name.string ?? "", Job(env: pairs(job["env"]), steps: steps(job["steps"]))))
        }
        for (name, input) in root["inputs"]?.mapping ?? [:] {
            file.inputDefaults[name.string ?? ""] = input["default"]?.string ?? ""
        }
        file.outputs = (root["outputs"]?.mapping ?? [:]).map { ($0.key.string ?? "", $0.value["value"]?.string ?? "") }
        file.actionSteps = steps(root["runs"]?["steps"])
        return file
    }

    /// The steps of the one job named `name`.
    func steps(ofJob name: String) throws -> Job {
        guard let job = jobs.first(where: { $0.name == name })?.job else { throw WorkflowRunError("no job named \(name)") }
        return job
    }

    private static func steps(_ node: Node?) -> [WorkflowStep] {
        (node?.sequence ?? []).map { step in
            WorkflowStep(id: step["id"]?.string, name: step["name"]?.string, condition: step["if"]?.string,
                         run: step["run"]?.string, uses: step["uses"]?.string, with: pairs(step["with"]), env: pairs(step["env"]))
        }
    }

    private static func pairs(_ node: Node?) -> [(key: String, value: String)] {
        (node?.mapping ?? [:]).map { ($0.key.string ?? "", $0.value.string ?? "") }
    }
}

/// A workflow the tests cannot run as written: names what and where.
struct WorkflowRunError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
