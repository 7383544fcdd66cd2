/// The lockfile formats pinaudit reads, recognized by file name.
public enum LockfileKind: String, CaseIterable, Sendable, Codable {
    /// Poetry's `poetry.lock` (lock-version 1.x and 2.x).
    case poetry
    /// Pipenv's `Pipfile.lock` (pipfile-spec 6).
    case pipfile
    /// uv's `uv.lock` (version 1).
    case uv
    /// PDM's `pdm.lock` (lock_version 4.x).
    case pdm
    /// PEP 751 `pylock.toml` / `pylock.<name>.toml` (lock-version 1.x).
    case pylock

    /// The kind of lockfile a file name denotes, or nil when it names none.
    ///
    /// Exact names (`uv.lock`) are recognized, and so are names that end with one after a `-` or
    /// `.` (`comfy-cli-uv.lock`, `backend.poetry.lock`), as copies of lockfiles are often named.
    /// `pylock.toml` and `pylock.<name>.toml` are PEP 751 names.
    public static func detect(fileName: String) -> LockfileKind? {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let exact: [(String, LockfileKind)] = [
            ("poetry.lock", .poetry), ("Pipfile.lock", .pipfile), ("uv.lock", .uv),
            ("pdm.lock", .pdm), ("pylock.toml", .pylock),
        ]
        for (name, kind) in exact where base == name { return kind }
        if base.hasPrefix("pylock."), base.hasSuffix(".toml") { return .pylock }
        for (name, kind) in exact {
            for separator in ["-", "_", "."] where base.hasSuffix(separator + name) { return kind }
        }
        return nil
    }

    /// The kind a lockfile's content looks like, for files whose name says nothing: JSON is
    /// Pipfile.lock; TOML is told apart by the keys each format writes at the top level.
    public static func sniff(text: String) -> LockfileKind {
        let head = text.prefix(4096)
        if head.drop(while: { $0.isWhitespace }).first == "{" { return .pipfile }
        if text.contains("\n[[packages]]") || head.hasPrefix("[[packages]]") { return .pylock }
        if head.contains("lock_version") || text.contains("\n[metadata]\nlock_version") { return .pdm }
        if head.contains("\nrevision = ") || head.hasPrefix("version = ") || head.contains("\nversion = ") { return .uv }
        return .poetry
    }

    /// The tool that writes this kind of lockfile, for messages.
    public var toolName: String {
        switch self {
        case .poetry: "Poetry"
        case .pipfile: "Pipenv"
        case .uv: "uv"
        case .pdm: "PDM"
        case .pylock: "PEP 751"
        }
    }

    /// The conventional file name.
    public var fileName: String {
        switch self {
        case .poetry: "poetry.lock"
        case .pipfile: "Pipfile.lock"
        case .uv: "uv.lock"
        case .pdm: "pdm.lock"
        case .pylock: "pylock.toml"
        }
    }

    /// The format versions this reader understands, as a phrase for messages.
    public var supportedVersions: String {
        switch self {
        case .poetry: "lock-version 1.x and 2.x"
        case .pipfile: "pipfile-spec 6 (and 5)"
        case .uv: "version 1 (any revision)"
        case .pdm: "lock_version 4.x (4.0 to 4.5)"
        case .pylock: "lock-version 1.x"
        }
    }

    /// The shell command that moves one package of this lockfile to a new version, for the planner.
    ///
    /// Tools that cannot target a version take the package's name only; the planner then relies
    /// on the project's own constraints (say so in the plan). `pylock.toml` is exported, not
    /// updated in place: the command regenerates it with uv after upgrading the package in `uv.lock`.
    public func updateCommand(package: String, version: String? = nil) -> String {
        switch self {
        case .uv:
            if let version { return "uv lock --upgrade-package \(package)==\(version)" }
            return "uv lock --upgrade-package \(package)"
        case .poetry:
            return "poetry update \(package)"
        case .pdm:
            return "pdm update \(package)"
        case .pipfile:
            return "pipenv update \(package)"
        case .pylock:
            let upgrade = version.map { "\(package)==\($0)" } ?? package
            return "uv lock --upgrade-package \(upgrade) && uv export --format pylock.toml --output-file pylock.toml"
        }
    }
}
