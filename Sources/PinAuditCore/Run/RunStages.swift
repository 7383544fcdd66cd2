/// Which command a run serves: `audit` asks about every pin, `plan` reuses the run's index answers.
public enum RunCommand: String, Sendable {
    case check, audit, plan
}

/// What a command asks of the run.
public struct RunRequest: Sendable {
    public var command: RunCommand
    public var flags: RunFlags
    /// Whether the index is asked at all (`check --no-index`: no).
    public var useIndex: Bool

    public init(command: RunCommand, flags: RunFlags, useIndex: Bool = true) {
        self.command = command; self.flags = flags; self.useIndex = useIndex
    }

    var audits: Bool { command == .audit }
}

/// The first stage's output: the settings resolved, the inputs read, the targets known.
public struct RunInputs: Sendable {
    public var settings: RunSettings
    public var reading: SourceReading
    public var targets: RunTargets
    /// The date the run judges ages and ignore expiry by.
    public var today: CalendarDay
}

/// The second stage's output: what the files, the index and the vulnerability services say,
/// before the configuration's policy (ignores, de-duplication) is applied.
public struct IndexedRun: Sendable {
    /// The closure, when the index was asked; nil with `--no-index`.
    public var packages: [PackageReport]?
    public var findings: [Finding]
    public var notes: [String] = []
    public var incomplete = false
    public var closure: ClosureResult?
    /// The index as the run remembered it (plan asks it again), when it was asked.
    public var memo: IndexMemo?
    public var connection: (any IndexConnection)?
}

/// Everything a command needs after the run: the report, and what `plan` builds on.
public struct RunResult: Sendable {
    public var report: Report
    public var inputs: RunInputs
    public var indexed: IndexedRun

    public var settings: RunSettings { inputs.settings }
}
