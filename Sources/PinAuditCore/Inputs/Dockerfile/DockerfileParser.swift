/// Reads a Dockerfile: instructions, build stages (with `ARG` substitution in `FROM`), the
/// `pip install` commands of every `RUN` (shell form, exec form, heredocs), lock-based installs, and
/// the requirements/constraints files they read, traced back to the build context. Pure over the text.
public enum DockerfileParser {
    /// What one stage has built up so far; a stage `FROM` an earlier one starts from that one's state.
    private struct StageState {
        var variables: DockerfileVariables
        var workdir = "/"
        var context = BuildContextMap()
    }

    /// Reads the Dockerfile at `path` (as the user would type it; its folder is the build context).
    public static func parse(path: String, text: String) -> DockerfileReading {
        let lexed = DockerfileLexer.lex(text)
        var reading = DockerfileReading(
            path: path, directives: lexed.directives, instructions: lexed.instructions, stages: [], pipInstalls: [],
            referencedFiles: [], lockInstalls: [], impliedPythonVersion: nil,
            findings: lexed.problems.map {
                Finding(rule: .parseError, location: SourceLocation(file: path, line: $0.line), message: "\(path): \($0.message).")
            })
        let budget = DockerfileExpansionBudget()
        var globals = DockerfileVariables(budget: budget)
        var states: [StageState] = []

        for (index, instruction) in lexed.instructions.enumerated() {
            let location = SourceLocation(file: path, line: instruction.line)
            defer {
                if let message = budget.takeMessage(file: path, line: instruction.line) {
                    reading.findings.append(Finding(rule: .parseError, location: location, message: message))
                }
            }
            if instruction.keyword == "FROM" {
                let words = instruction.arguments.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                guard let imageText = words.first else {
                    reading.findings.append(Finding(rule: .parseError, location: location, message: "FROM names no image in \(path)."))
                    continue
                }
                if let last = reading.stages.indices.last { reading.stages[last].instructions = reading.stages[last].instructions.lowerBound..<index }
                let expanded = globals.expand(imageText)
                let name = words.count >= 3 && words[1].uppercased() == "AS" ? words[2] : nil
                let base = reading.stages.lastIndex { $0.name?.lowercased() == expanded.lowercased() }
                var state = base.map { states[$0] } ?? StageState(variables: globals)
                if base == nil { state.variables = globals }
                reading.stages.append(DockerfileStage(
                    index: reading.stages.count, name: name, image: base == nil ? DockerImageReference(expanded) : nil,
                    baseStage: base, platform: instruction.flag("platform").map { globals.expand($0) },
                    line: instruction.line, instructions: index..<lexed.instructions.count))
                states.append(state)
                continue
            }
            guard let stage = reading.stages.indices.last else {
                if instruction.keyword == "ARG" { declare(instruction.arguments, in: &globals) }
                else {
                    reading.findings.append(Finding(rule: .parseError, location: location,
                                                    message: "\(instruction.keyword) comes before the first FROM in \(path); only ARG may."))
                }
                continue
            }
            switch instruction.keyword {
            case "ARG":
                declare(instruction.arguments, in: &states[stage].variables, globals: globals)
            case "ENV":
                for (name, value) in environmentPairs(instruction.arguments) {
                    states[stage].variables.set(name, states[stage].variables.expand(value))
                }
            case "WORKDIR":
                let folder = states[stage].variables.expand(instruction.arguments)
                states[stage].workdir = BuildContextMap.absolute(folder, in: states[stage].workdir)
            case "COPY", "ADD":
                guard instruction.flag("from") == nil else { continue }
                let parts = instruction.execForm ?? instruction.arguments.split(separator: " ").map(String.init)
                guard parts.count >= 2, instruction.heredocs.isEmpty else { continue }
                let destination = states[stage].variables.expand(parts[parts.count - 1])
                var absolute = BuildContextMap.absolute(destination, in: states[stage].workdir)
                if destination.hasSuffix("/") || destination == "." || destination == "./" { absolute = BuildContextMap.trimmingSlashes(absolute) + "/" }
                states[stage].context.add(sources: parts.dropLast().map { states[stage].variables.expand($0) }, destination: absolute)
            case "RUN":
                run(instruction, stage: stage, state: states[stage], into: &reading)
            default:
                break
            }
        }
        reading.impliedPythonVersion = impliedPythonVersion(reading)
        return reading
    }

    /// Reads one RUN's commands, with the bind mounts of its `--mount` flags added to the context.
    private static func run(_ instruction: DockerfileInstruction, stage: Int, state: StageState, into reading: inout DockerfileReading) {
        var state = state
        for flag in instruction.flags where flag.hasPrefix("--mount=") {
            let fields = Dictionary(flag.dropFirst(8).split(separator: ",").map { field -> (String, String) in
                // Empty pieces kept: `=` alone must still give a (empty) name, not an empty list.
                let pair = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                return (pair[0], pair.count > 1 ? pair[1] : "")
            }, uniquingKeysWith: { first, _ in first })
            guard fields["type"] == "bind", fields["from"] == nil,
                  let target = fields["target"] ?? fields["dst"] ?? fields["destination"] else { continue }
            let source = fields["source"] ?? fields["src"] ?? "."
            state.context.add(sources: [source.hasSuffix("/") || source == "." ? source : source + "/"],
                              destination: BuildContextMap.trimmingSlashes(BuildContextMap.absolute(target, in: state.workdir)) + "/")
        }

        var commands: [[ShellCommandSplitter.Word]] = []
        if let exec = instruction.execForm {
            commands = [exec.map { ShellCommandSplitter.Word(text: $0, line: instruction.line, quoted: true) }]
        } else {
            var characters: [Character] = []
            var lines: [Int] = []
            var commandLine = instruction.arguments
            for marker in DockerfileLexer.heredocMarkers(in: commandLine) {
                for form in ["<<-\"\(marker.delimiter)\"", "<<-'\(marker.delimiter)'", "<<-\(marker.delimiter)",
                             "<<\"\(marker.delimiter)\"", "<<'\(marker.delimiter)'", "<<\(marker.delimiter)"] {
                    if let range = commandLine.range(of: form) { commandLine.replaceSubrange(range, with: String(repeating: " ", count: form.count)); break }
                }
            }
            // One walk over the physical lines alongside the characters (a lookup per character was quadratic).
            var physical = instruction.argumentLines[...]
            var currentLine = instruction.line
            for (offset, character) in commandLine.enumerated() {
                while let next = physical.first, next.offset <= offset { currentLine = next.line; physical = physical.dropFirst() }
                characters.append(character); lines.append(currentLine)
            }
            // A heredoc is the script when the RUN has no command of its own or runs a shell on it.
            let firstWord = commandLine.drop { $0 == " " }.prefix { $0 != " " }
            let program = firstWord.isEmpty ? nil : String(firstWord.split(separator: "/").last ?? firstWord)
            if program == nil || ["sh", "bash", "ash", "dash", "zsh"].contains(program!) {
                for heredoc in instruction.heredocs {
                    for bodyLine in heredoc.lines {
                        characters.append("\n"); lines.append(bodyLine.line)
                        for character in bodyLine.text { characters.append(character); lines.append(bodyLine.line) }
                    }
                }
            }
            commands = ShellCommandSplitter.commands(characters, lines: lines)
        }

        for words in commands {
            switch PipInstallExtractor.extract(words, path: reading.path, stage: stage, environment: state.variables,
                                               findings: &reading.findings) {
            case .pip(let install)?:
                reading.pipInstalls.append(install)
                for (files, role) in [(install.requirementFiles, DockerfileReferencedFile.Role.requirements),
                                      (install.constraintFiles, .constraints)] {
                    for written in files {
                        let fromEnvironment = role == .constraints && install.environmentConstraintFiles.contains(written)
                        let container = BuildContextMap.absolute(written, in: state.workdir)
                        let contextPath = state.context.contextPath(of: container)
                        let folder = reading.contextFolder
                        reading.referencedFiles.append(DockerfileReferencedFile(
                            role: role, written: written, containerPath: container, contextPath: contextPath,
                            path: contextPath.map { folder.isEmpty ? $0 : folder + "/" + $0 },
                            line: words.first { $0.text == written || $0.text.hasSuffix(written) }?.line ?? install.line,
                            stage: stage, viaEnvironment: fromEnvironment))
                    }
                }
            case .lock(let lock)?:
                reading.lockInstalls.append(lock)
            case nil:
                break
            }
        }
    }

    /// `ARG name[=default]`: a build argument's default (build-time `--build-arg` values are unknown).
    /// Inside a stage, `ARG name` without a default takes the global default, as Docker does.
    private static func declare(_ arguments: String, in variables: inout DockerfileVariables, globals: DockerfileVariables? = nil) {
        for declaration in arguments.split(separator: " ") {
            // Found by fuzzing: `ARG =` split to no pieces at all and trapped on `pair[0]`.
            let pair = declaration.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard !pair[0].isEmpty else { continue }
            let value = pair.count > 1 ? unquote(variables.expand(pair[1])) : globals?[pair[0]]
            if value != nil || variables[pair[0]] == nil { variables.set(pair[0], value) }
        }
    }

    /// `ENV a=b c="d e"` or the legacy `ENV name value with spaces`.
    static func environmentPairs(_ arguments: String) -> [(String, String)] {
        let words = ShellCommandSplitter.commands(Array(arguments), lines: Array(repeating: 0, count: arguments.count)).first ?? []
        guard let first = words.first else { return [] }
        if !first.text.contains("=") {
            let value = arguments.drop { $0 != " " && $0 != "\t" }.trimmingCharacters(in: .whitespaces)
            return [(first.text, unquote(value))]
        }
        return words.compactMap { word in
            guard let equals = word.text.firstIndex(of: "=") else { return nil }
            return (String(word.text[..<equals]), String(word.text[word.text.index(after: equals)...]))
        }
    }

    private static func unquote(_ text: String) -> String {
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return text
    }

    /// The final stage's Python `X.Y`, else the last Python stage's that names one.
    private static func impliedPythonVersion(_ reading: DockerfileReading) -> String? {
        if let final = reading.finalStage, let image = reading.baseImage(of: final), image.isOfficialPython {
            return image.pythonVersion
        }
        return reading.stages.reversed().lazy.compactMap { $0.image }.first { $0.isOfficialPython && $0.pythonVersion != nil }?.pythonVersion
    }
}
