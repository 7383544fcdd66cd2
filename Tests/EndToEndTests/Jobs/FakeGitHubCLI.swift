import Foundation

/// A stand-in for GitHub's `gh` on `PATH`: a small Python script the test writes, which records every
/// call and keeps the repository's issues in a folder, so `gh issue list`, `view`, `create` and `edit`
/// behave as they would against one repository. `--jq` goes through the real `jq`, as `gh` applies its
/// own jq; `--search` is not modelled (the workflow filters the titles itself).
struct FakeGitHubCLI {
    struct Issue: Decodable { var number: Int; var title: String; var body: String; var state: String }

    /// Holds `gh`; put it first on `PATH`.
    let binFolder: URL
    /// Holds `issues.json` and `calls.jsonl`; `FAKE_GH_STATE` names it.
    let stateFolder: URL

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pinaudit-fake-gh-\(UUID().uuidString)")
        binFolder = root.appendingPathComponent("bin")
        stateFolder = root.appendingPathComponent("state")
        for folder in [binFolder, stateFolder] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let gh = binFolder.appendingPathComponent("gh")
        try Data(Self.script.utf8).write(to: gh)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: gh.path)
    }

    /// `PATH` with the fake first, and `FAKE_GH_STATE`.
    func environment(path: String) -> [String: String] {
        ["PATH": binFolder.path + ":" + path, "FAKE_GH_STATE": stateFolder.path]
    }

    var issues: [Issue] {
        get throws {
            let file = stateFolder.appendingPathComponent("issues.json")
            guard FileManager.default.fileExists(atPath: file.path) else { return [] }
            return try JSONDecoder().decode([Issue].self, from: Data(contentsOf: file))
        }
    }

    /// Each call's arguments, in order.
    var calls: [[String]] {
        get throws {
            let file = stateFolder.appendingPathComponent("calls.jsonl")
            guard FileManager.default.fileExists(atPath: file.path) else { return [] }
            return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
                try JSONDecoder().decode([String].self, from: Data($0.utf8))
            }
        }
    }

    /// The calls that changed an issue (`issue create` and `issue edit`).
    var writes: [[String]] { get throws { try calls.filter { $0.count > 1 && ["create", "edit"].contains($0[1]) } } }

    static let script = #"""
    #!/usr/bin/env python3
    import json, os, subprocess, sys

    state = os.environ["FAKE_GH_STATE"]
    args = sys.argv[1:]
    with open(os.path.join(state, "calls.jsonl"), "a") as log:
        log.write(json.dumps(args) + "\n")
    if not os.environ.get("GH_TOKEN"):
        sys.exit("gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable.")
    path = os.path.join(state, "issues.json")
    issues = json.load(open(path)) if os.path.exists(path) else []

    def option(name, default=None):
        return args[args.index(name) + 1] if name in args else default

    def save():
        with open(path, "w") as out:
            json.dump(issues, out, indent=1)

    def emit(value):
        jq = option("--jq")
        if jq is None:
            print(json.dumps(value))
            return
        done = subprocess.run(["jq", "-r", jq], input=json.dumps(value), text=True, capture_output=True)
        sys.stderr.write(done.stderr)
        if done.returncode:
            sys.exit(1)
        sys.stdout.write(done.stdout)

    def fields(issue):
        return {key: issue[key] for key in option("--json", "").split(",") if key}

    def find(number):
        for issue in issues:
            if issue["number"] == int(number):
                return issue
        sys.exit("GraphQL: Could not resolve to an issue or pull request with the number of %s." % number)

    command = args[:2]
    if command == ["issue", "list"]:
        wanted = option("--state", "open")
        emit([fields(i) for i in issues if wanted == "all" or i["state"] == wanted])
    elif command == ["issue", "view"]:
        issue = find(args[2])
        if "--json" in args:
            emit(fields(issue))
        else:
            print(issue["title"] + "\n\n" + issue["body"])
    elif command == ["issue", "create"]:
        number = len(issues) + 1
        issues.append({"number": number, "title": option("--title"), "body": open(option("--body-file")).read(), "state": "open"})
        save()
        print("https://github.example/owner/app/issues/%d" % number)
    elif command == ["issue", "edit"]:
        issue = find(args[2])
        if option("--body-file"):
            issue["body"] = open(option("--body-file")).read()
        if option("--title"):
            issue["title"] = option("--title")
        save()
        print("https://github.example/owner/app/issues/%d" % issue["number"])
    else:
        sys.exit("fake gh: the tests do not model `gh %s`" % " ".join(args))
    """#
}
