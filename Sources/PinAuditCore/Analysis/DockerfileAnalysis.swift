/// Findings about a Dockerfile: how firmly its Python base images are pinned, and the hygiene
/// problems that make dependency pins less useful (layer caching, root user, privileged ports, Alpine).
public enum DockerfileAnalysis {
    /// Every finding for one Dockerfile reading (the reading's own parse findings are not repeated).
    public static func findings(for reading: DockerfileReading) -> [Finding] {
        var findings: [Finding] = []
        for stage in reading.stages { findings += imageFindings(stage, reading) }
        findings += layerCachingFindings(reading)
        if let final = reading.finalStage {
            findings += rootUserFindings(final, reading)
            findings += privilegedPortFindings(final, reading)
        }
        return findings
    }

    /// The reading as a `SourceReading`: the `pip install` entries, parse and analysis findings, the
    /// implied Python version. Referenced requirements files are for the caller to read and merge.
    public static func sourceReading(for reading: DockerfileReading) -> SourceReading {
        var source = SourceReading()
        source.entries = reading.entries
        source.findings = reading.findings + findings(for: reading)
        source.files = [reading.path]
        source.impliedPythonVersion = reading.impliedPythonVersion
        if let index = reading.pipInstalls.lazy.compactMap(\.indexURL).first {
            source.options.indexURL = index
            source.options.indexURLLocation = reading.pipInstalls.first { $0.indexURL != nil }
                .map { SourceLocation(file: reading.path, line: $0.line) }
        }
        source.options.extraIndexURLs = reading.pipInstalls.flatMap(\.extraIndexURLs)
        return source
    }

    private static func imageFindings(_ stage: DockerfileStage, _ reading: DockerfileReading) -> [Finding] {
        guard let image = stage.image, image.isOfficialPython else { return [] }
        let location = SourceLocation(file: reading.path, line: stage.line)
        var findings: [Finding] = []
        switch image.pinLevel {
        case .unpinned:
            findings.append(Finding(rule: .unpinnedImage, location: location, message:
                "`FROM \(image)` floats on \(image.tag.map { "the `\($0)` tag" } ?? "`latest`"): the Python version changes under you. Pin a full version such as `python:3.12.7-slim-bookworm`, or a digest."))
        case .minorOnly:
            findings.append(Finding(rule: .imageTagFloating, location: location, message:
                "`FROM \(image)` pins only Python \(image.pythonVersion ?? "X.Y"): patch releases and the OS release change under you. Pin the patch version and the OS release (e.g. `python:\(image.pythonVersion ?? "3.12").N-slim-bookworm`), or a digest."))
        case .patch, .digest:
            break
        }
        if image.isAlpine {
            findings.append(Finding(rule: .dockerAlpine, location: location, message:
                "`FROM \(image)` is Alpine: most wheels are built for glibc, so pip builds packages from source on musl (slow, and unlike what the lock was tested with). Prefer a `-slim` Debian image."))
        }
        return findings
    }

    /// A `pip install` (or lock install) of requirements after `COPY . <dest>` of the whole context
    /// in the same stage: any source change invalidates the install layer.
    private static func layerCachingFindings(_ reading: DockerfileReading) -> [Finding] {
        var findings: [Finding] = []
        for stage in reading.stages {
            let wholeCopy = reading.instructions[stage.instructions].first { instruction in
                guard ["COPY", "ADD"].contains(instruction.keyword), instruction.flag("from") == nil else { return false }
                let parts = instruction.execForm ?? instruction.arguments.split(separator: " ").map(String.init)
                return parts.count >= 2 && parts.dropLast().contains { BuildContextMap.isWholeContext($0) }
            }
            guard let copy = wholeCopy else { continue }
            let installs: [(line: Int, what: String)] =
                reading.pipInstalls.filter { $0.stage == stage.index && (!$0.entries.isEmpty || !$0.requirementFiles.isEmpty) }
                    .map { ($0.line, "`\($0.command) install`") }
                + reading.lockInstalls.filter { $0.stage == stage.index }.map { ($0.line, "`\($0.command)`") }
            for install in installs.sorted(by: { $0.line < $1.line }) where install.line > copy.line {
                findings.append(Finding(rule: .dockerLayerCaching, location: SourceLocation(file: reading.path, line: install.line), message:
                    "\(install.what) runs after `\(copy.keyword) \(copy.arguments)` (line \(copy.line)) copies the whole source, so every code change reinstalls the dependencies: copy the requirements or lock file first, install, then copy the rest."))
                break
            }
        }
        return findings
    }

    /// The final stage (through the stages it builds on) never switches to a non-root `USER`.
    private static func rootUserFindings(_ final: DockerfileStage, _ reading: DockerfileReading) -> [Finding] {
        for stage in reading.lineage(of: final) {
            let users = reading.instructions[stage.instructions].filter { $0.keyword == "USER" }
            guard let last = users.last else { continue }
            let user = last.arguments.split(separator: ":").first.map(String.init) ?? ""
            if user != "root" && user != "0" { return [] }
            return [Finding(rule: .dockerRootUser, location: SourceLocation(file: reading.path, line: last.line), message:
                "The final image runs as `\(last.arguments)`: a compromised dependency gets root in the container. Add a user and switch to it with `USER` before the entry point.")]
        }
        return [Finding(rule: .dockerRootUser, location: SourceLocation(file: reading.path, line: final.line), message:
            "The final image (from line \(final.line)) has no `USER`, so it runs as root: a compromised dependency gets root in the container. Add a user and switch to it with `USER` before the entry point.")]
    }

    /// `EXPOSE` of a port below 1024 in the final stage or the stages it builds on.
    private static func privilegedPortFindings(_ final: DockerfileStage, _ reading: DockerfileReading) -> [Finding] {
        var findings: [Finding] = []
        for stage in reading.lineage(of: final).reversed() {
            for instruction in reading.instructions[stage.instructions] where instruction.keyword == "EXPOSE" {
                for word in instruction.arguments.split(separator: " ") {
                    let port = word.split(separator: "/").first.flatMap { $0.split(separator: "-").first }.flatMap { Int($0) }
                    guard let port, port < 1024 else { continue }
                    findings.append(Finding(rule: .dockerPrivilegedPort, location: SourceLocation(file: reading.path, line: instruction.line), message:
                        "`EXPOSE \(word)` is a privileged port: binding it needs root inside the container. Listen on a port of 1024 or above (e.g. 8080) and map it with `-p \(port):8080`."))
                }
            }
        }
        return findings
    }
}
