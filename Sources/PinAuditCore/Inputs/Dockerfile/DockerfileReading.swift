import PythonPackaging

/// One build stage: a `FROM` and the instructions up to the next one.
public struct DockerfileStage: Hashable, Sendable {
    public var index: Int
    /// The `AS name`, when given.
    public var name: String?
    /// The base image after `ARG` substitution; nil when the stage builds on an earlier stage.
    public var image: DockerImageReference?
    /// The earlier stage this one is `FROM`, when it is.
    public var baseStage: Int?
    /// `--platform=...`, when given.
    public var platform: String?
    /// The line of the `FROM`.
    public var line: Int
    /// Indices into `DockerfileReading.instructions` of this stage's instructions (the `FROM` first).
    public var instructions: Range<Int>
}

/// A `pip install` (or `uv pip install`) found in a `RUN`.
public struct DockerfilePipInstall: Hashable, Sendable {
    /// `pip`, `pip3.12`, `python3 -m pip`, `uv pip`, ... as written.
    public var command: String
    /// The line of the command word.
    public var line: Int
    public var stage: Int
    /// Packages named on the command line (`origin: .dockerfile`, the line of each argument).
    public var entries: [RequirementEntry]
    /// `-r` / `--requirement` arguments, as written.
    public var requirementFiles: [String]
    /// `-c` / `--constraint` arguments and `PIP_CONSTRAINT`, as written.
    public var constraintFiles: [String]
    /// `.`, paths, archives, URLs and `-e` targets: installs of local code.
    public var localInstalls: [String]
    public var indexURL: String?
    public var extraIndexURLs: [String]
    /// Other options, as written (`--no-cache-dir`, `--target /x`, ...).
    public var options: [String]
    /// The part of `constraintFiles` that comes from `PIP_CONSTRAINT`.
    public var environmentConstraintFiles: [String]
}

/// A requirements or constraints file a `pip install` reads, resolved against the build context.
public struct DockerfileReferencedFile: Hashable, Sendable {
    public enum Role: String, Hashable, Sendable { case requirements, constraints }
    public var role: Role
    /// The path as written in the Dockerfile.
    public var written: String
    /// The absolute path inside the image, after `WORKDIR`.
    public var containerPath: String
    /// The file in the build context that `COPY`/`ADD`/a bind mount put there, relative to the context;
    /// nil when no instruction copies it from the context.
    public var contextPath: String?
    /// `contextPath` as the user would type it: joined to the Dockerfile's folder (the build context).
    public var path: String?
    /// The line that references it.
    public var line: Int
    public var stage: Int
    /// Given through the `PIP_CONSTRAINT` environment variable.
    public var viaEnvironment: Bool
}

/// A command that installs from a lockfile rather than naming packages (`poetry install`, `pipenv
/// install`, `pdm install`/`sync`, `uv sync`): the pins live in the lock.
public struct DockerfileLockInstall: Hashable, Sendable {
    /// The command as written (`poetry install --no-dev`).
    public var command: String
    public var line: Int
    public var stage: Int
}

/// What reading one Dockerfile produced.
public struct DockerfileReading: Sendable {
    /// The Dockerfile as the user would type it.
    public var path: String
    public var directives: [String: String]
    public var instructions: [DockerfileInstruction]
    public var stages: [DockerfileStage]
    public var pipInstalls: [DockerfilePipInstall]
    public var referencedFiles: [DockerfileReferencedFile]
    public var lockInstalls: [DockerfileLockInstall]
    /// `X.Y` of the Python the final stage's image ships, when its tag says.
    public var impliedPythonVersion: String?
    /// Problems reading the file (`parse-error`).
    public var findings: [Finding]

    /// The build context: the Dockerfile's folder ("" for the current folder).
    public var contextFolder: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The final stage (the image `docker build` produces without `--target`).
    public var finalStage: DockerfileStage? { stages.last }

    /// Every package named on a `pip install` command line.
    public var entries: [RequirementEntry] { pipInstalls.flatMap(\.entries) }

    /// The stage and its ancestors through `FROM <stage>`, nearest first.
    public func lineage(of stage: DockerfileStage) -> [DockerfileStage] {
        var chain = [stage]
        var seen: Set<Int> = [stage.index]
        while let base = chain.last?.baseStage, base < stages.count, !seen.contains(base) {
            seen.insert(base)
            chain.append(stages[base])
        }
        return chain
    }

    /// The image a stage ultimately builds on.
    public func baseImage(of stage: DockerfileStage) -> DockerImageReference? {
        lineage(of: stage).last?.image
    }
}
