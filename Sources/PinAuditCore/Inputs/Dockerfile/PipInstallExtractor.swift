import PythonPackaging

/// Recognizes `pip install` in one simple shell command and reads its arguments: packages, `-r`/`-c`
/// files, local installs, index options; and notes lock-based installs (`poetry install`, ...).
enum PipInstallExtractor {
    /// pip's and uv pip's options that take a value as the next word (when not written `--opt=value`).
    static let optionsWithValue: Set<String> = [
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url",
        "-f", "--find-links", "-t", "--target", "--prefix", "--root", "--src", "--upgrade-strategy", "--platform",
        "--python-version", "--implementation", "--abi", "--only-binary", "--no-binary", "--progress-bar", "--log",
        "--log-file", "--proxy", "--retries", "--timeout", "--exists-action", "--trusted-host", "--cert",
        "--client-cert", "--cache-dir", "--global-option", "--install-option", "--build-option", "--config-settings",
        "-C", "--report", "--root-user-action", "--python", "-p", "--keyring-provider", "--use-feature",
        "--use-deprecated", "--group", "--override", "--index-strategy", "--resolution", "--prerelease",
        "--python-platform", "--build-constraint", "-b", "--upgrade-package", "-P", "--reinstall-package",
        "--config-setting", "--exclude-newer", "--link-mode", "--index", "--default-index", "--extra",
        "--no-binary-package", "--only-binary-package", "--torch-backend", "--excludes",
    ]

    enum Result {
        case pip(DockerfilePipInstall)
        case lock(DockerfileLockInstall)
    }

    /// What one simple command installs, or nil when it is not an install.
    /// `environment` holds the stage's `ENV`/`ARG` values for `$VAR` words and `PIP_CONSTRAINT`.
    static func extract(_ words: [ShellCommandSplitter.Word], path: String, stage: Int,
                        environment: DockerfileVariables, findings: inout [Finding]) -> Result? {
        var rest = words[...]
        var assignments: [String: String] = [:]
        // Leading `NAME=value` assignments, `env`, `sudo`, `exec`, `command`.
        while let word = rest.first {
            if let equals = word.text.firstIndex(of: "="), !word.text.hasPrefix("-"),
               word.text[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), equals != word.text.startIndex {
                assignments[String(word.text[..<equals])] = String(word.text[word.text.index(after: equals)...])
                rest = rest.dropFirst()
            } else if ["env", "sudo", "exec", "command", "time", "nice"].contains(word.text) {
                rest = rest.dropFirst()
                while let flag = rest.first, flag.text.hasPrefix("-") { rest = rest.dropFirst() }
            } else {
                break
            }
        }
        guard let commandWord = rest.first else { return nil }
        let program = commandWord.text.split(separator: "/").last.map(String.init) ?? commandWord.text
        rest = rest.dropFirst()
        var command = commandWord.text

        if ["poetry", "pipenv", "pdm", "uv"].contains(program), let sub = rest.first?.text {
            let lockSubcommands = ["poetry": ["install", "sync"], "pipenv": ["install", "sync"], "pdm": ["install", "sync"], "uv": ["sync"]]
            if lockSubcommands[program]?.contains(sub) == true {
                let positional = rest.dropFirst().contains { !$0.text.hasPrefix("-") }
                if !(program == "pipenv" && sub == "install" && positional) {
                    let text = ([commandWord] + rest).map(\.text).joined(separator: " ")
                    return .lock(DockerfileLockInstall(command: text, line: commandWord.line, stage: stage))
                }
            }
        }
        if program == "uv", rest.first?.text == "pip" {
            command += " pip"; rest = rest.dropFirst()
        } else if isPython(program) {
            // python [-u -B ...] -m pip
            while let flag = rest.first, flag.text.hasPrefix("-"), flag.text != "-m", !flag.text.hasPrefix("-m") { rest = rest.dropFirst() }
            guard let m = rest.first else { return nil }
            if m.text == "-m", rest.dropFirst().first?.text == "pip" { rest = rest.dropFirst(2) }
            else if m.text == "-mpip" { rest = rest.dropFirst() }
            else { return nil }
            command += " -m pip"
        } else if !isPip(program) {
            return nil
        }
        // Global options may come before the subcommand (`pip --no-cache-dir install`).
        while let word = rest.first, word.text.hasPrefix("-") { rest = rest.dropFirst() }
        guard rest.first?.text == "install" else { return nil }
        rest = rest.dropFirst()

        var install = DockerfilePipInstall(command: command, line: commandWord.line, stage: stage, entries: [],
                                           requirementFiles: [], constraintFiles: [], localInstalls: [],
                                           indexURL: nil, extraIndexURLs: [], options: [], environmentConstraintFiles: [])
        if let constraint = assignments["PIP_CONSTRAINT"] ?? environment["PIP_CONSTRAINT"] {
            install.environmentConstraintFiles = constraint.split(separator: " ").map(String.init)
            install.constraintFiles += install.environmentConstraintFiles
        }
        install.indexURL = assignments["PIP_INDEX_URL"] ?? environment["PIP_INDEX_URL"]

        let words = Array(rest)
        var i = 0
        while i < words.count {
            var word = words[i]
            i += 1
            if !word.quoted, word.text.hasPrefix(">") || word.text.hasPrefix("<") || word.text.first?.isNumber == true && word.text.contains(">") {
                if word.text == ">" || word.text == ">>" || word.text == "<" || word.text.hasSuffix(">") { i += 1 }
                continue
            }
            if word.text.contains("$") {
                let expanded = environment.expand(word.text, keepUnknown: true)
                if expanded.contains("$") { continue }  // not knowable from the Dockerfile
                word.text = expanded
            }
            let text = word.text
            if text.hasPrefix("-") {
                var name = text
                var value: String?
                if text.hasPrefix("--"), let equals = text.firstIndex(of: "=") {
                    name = String(text[..<equals]); value = String(text[text.index(after: equals)...])
                } else if !text.hasPrefix("--"), text.count > 2, optionsWithValue.contains(String(text.prefix(2))) {
                    name = String(text.prefix(2)); value = String(text.dropFirst(2))
                } else if optionsWithValue.contains(text), i < words.count {
                    value = words[i].text; i += 1
                }
                switch name {
                case "-r", "--requirement": value.map { install.requirementFiles.append($0) }
                case "-c", "--constraint": value.map { install.constraintFiles.append($0) }
                case "-e", "--editable": value.map { install.localInstalls.append($0) }
                case "-i", "--index-url", "--default-index": install.indexURL = value
                case "--extra-index-url", "--index": value.map { install.extraIndexURLs.append($0) }
                default: install.options.append(value.map { "\(name) \($0)" } ?? name)
                }
                continue
            }
            if isLocal(text) {
                install.localInstalls.append(text)
                continue
            }
            do {
                let requirement = try Requirement(text)
                if requirement.url != nil {
                    install.localInstalls.append(text)
                }
                install.entries.append(RequirementEntry(
                    requirement: requirement, url: requirement.url, location: SourceLocation(file: path, line: word.line),
                    origin: .dockerfile))
            } catch {
                findings.append(Finding(rule: .parseError, location: SourceLocation(file: path, line: word.line),
                                        message: "\"\(text)\" in `\(command) install` is not a valid requirement: \(error)."))
            }
        }
        return .pip(install)
    }

    static func isPip(_ program: String) -> Bool {
        guard program.hasPrefix("pip") else { return false }
        return program.dropFirst(3).allSatisfy { $0.isNumber || $0 == "." }
    }

    static func isPython(_ program: String) -> Bool {
        guard program.hasPrefix("python") else { return false }
        return program.dropFirst(6).allSatisfy { $0.isNumber || $0 == "." }
    }

    /// `.`, paths, archives and URLs name local code or files, not index packages.
    static func isLocal(_ text: String) -> Bool {
        if text == "." || text == ".." || text.hasPrefix("./") || text.hasPrefix("../") || text.hasPrefix("/") || text.hasPrefix("~") {
            return true
        }
        if text.contains("://") && !text.contains(" @ ") && !text.contains("@ ") { return true }
        let lower = text.lowercased()
        if [".whl", ".tar.gz", ".zip", ".tar.bz2", ".tgz"].contains(where: { lower.hasSuffix($0) }) { return true }
        return text.contains("/") && !text.contains("@") && !text.contains(";")
    }
}
