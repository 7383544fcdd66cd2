import PythonPackaging

/// The dependencies a project declares (in `pyproject.toml` or a `Pipfile`), before any lock.
public struct DeclarationFile: Sendable {
    public enum Kind: String, Sendable {
        case pyproject, pipfile

        /// The lockfiles that pin what a file of this kind declares, in the order they are looked for
        /// beside it.
        public var lockfileNames: [String] {
            switch self {
            case .pyproject: ["uv.lock", "poetry.lock", "pdm.lock", "pylock.toml"]
            case .pipfile: ["Pipfile.lock"]
            }
        }

        /// The kind a file name denotes, or nil.
        public static func detect(fileName: String) -> Kind? {
            let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
            if base == "pyproject.toml" { return .pyproject }
            if base == "Pipfile" { return .pipfile }
            return nil
        }
    }

    public var path: String
    public var kind: Kind
    /// Runtime dependencies, extras and groups, in file order; `declaredIn` says which list.
    public var dependencies: [RequirementEntry] = []
    /// `[build-system] requires`: installed to build the project, never locked.
    public var buildRequirements: [RequirementEntry] = []
    /// `include-group` cycles, unreadable entries, invalid TOML.
    public var findings: [Finding] = []
    /// Canonical names of the project itself (`[project] name`, `[tool.poetry] name`).
    public var projectNames: Set<String> = []
    /// Whether the file declares anything pinaudit reads (a `pyproject.toml` may hold only tool settings).
    public var declaresDependencies: Bool { !dependencies.isEmpty || !buildRequirements.isEmpty }

    public init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    /// Reads the file's text by its kind.
    public static func parse(path: String, text: String, kind: Kind) -> DeclarationFile {
        switch kind {
        case .pyproject:
            var file = PyprojectParser.parse(path: path, text: text)
            file.projectNames = LockfileProjectName.names(pyprojectText: text)
            return file
        case .pipfile: return PipfileParser.parse(path: path, text: text)
        }
    }

    /// What reading this file contributes to a run: with `lockfile` (the lock beside it, which the
    /// caller reads too), the declarations are checked against the lock and are no pins themselves;
    /// without, they are requirements like a requirements file's lines. Build requirements are
    /// never pins of the closure.
    public func sourceReading(lockedBy lockfile: String?) -> SourceReading {
        var reading = SourceReading()
        reading.files = [path]
        reading.findings = findings
        reading.projectNames = projectNames
        // A project's extras and groups may name the project itself (`myapp[test]`): no pin of its own.
        let external = dependencies.filter { !projectNames.contains($0.canonicalName ?? "") }
        reading.declarations = dependencies.filter { projectNames.contains($0.canonicalName ?? "") }
        if let lockfile {
            reading.declarations += external.map { entry in
                var entry = entry
                entry.lockedBy = lockfile
                return entry
            }
        } else {
            reading.entries = external
        }
        reading.declarations += buildRequirements
        return reading
    }

    /// The file's TOML document and where its parts stand, or nil after a `parse-error` finding.
    mutating func document(_ text: String) -> (LockTOMLTable, TOMLSourceMap)? {
        switch TOMLDocumentReader.document(text) {
        case .success(let table): return (table, TOMLSourceMap(text))
        case .failure(let error):
            findings.append(Finding(rule: .parseError, location: SourceLocation(file: path, line: max(error.line, 1)),
                                    message: "\(path) is not valid TOML: \(error.message)."))
            return nil
        }
    }

    /// An entry for the PEP 508 text `text` declared at `line`, or a `parse-error` finding.
    mutating func declare(_ text: String, line: Int, in list: String, origin: RequirementEntry.Origin, build: Bool = false) {
        let location = SourceLocation(file: path, line: max(line, 1))
        do {
            let requirement = try Requirement(text)
            var entry = RequirementEntry(requirement: requirement, url: requirement.url, location: location, origin: origin)
            entry.declaredIn = list
            if build { buildRequirements.append(entry) } else { dependencies.append(entry) }
        } catch {
            findings.append(Finding(rule: .parseError, location: location,
                                    message: "`\(text)` in \(list) of \(path) is not a PEP 508 requirement: \(error)."))
        }
    }
}
