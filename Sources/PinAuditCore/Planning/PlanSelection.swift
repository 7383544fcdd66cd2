import PythonPackaging

/// What `--apply` changes: per requirements file, the pins to move and the packages to add; per
/// lockfile, the command that relocks; for other sources, edits to make by hand.
public struct PlanEdits: Hashable, Sendable {
    public var files: [FileEdit]
    public var lockCommands: [LockUpdate]
    public var manual: [ManualEdit]

    public init(files: [FileEdit] = [], lockCommands: [LockUpdate] = [], manual: [ManualEdit] = []) {
        self.files = files; self.lockCommands = lockCommands; self.manual = manual
    }
}

/// The changes to one requirements (or constraints) file, for `RequirementsRewriter.rewrite`.
public struct FileEdit: Hashable, Sendable {
    public var path: String
    public var changes: [PinChange]
    public var additions: [PinAddition]
    public init(path: String, changes: [PinChange] = [], additions: [PinAddition] = []) {
        self.path = path; self.changes = changes; self.additions = additions
    }
}

/// A lockfile to regenerate, and the command that does it.
public struct LockUpdate: Hashable, Sendable {
    public var lockfile: String
    public var command: String
}

/// A pin pinaudit does not rewrite (a `pip install` line of a Dockerfile): what to change by hand.
public struct ManualEdit: Hashable, Sendable {
    public var location: SourceLocation
    public var instruction: String
}

/// Choosing the steps to apply and turning them into edits.
public enum PlanSelection {
    /// Steps up to and including `level` (`security` takes the security and yanked steps), in order.
    /// With `only` (package names), just the steps that touch those packages, plus the earlier steps
    /// they depend on (so that the result stays consistent).
    public static func steps(_ plan: Plan, upTo level: StepKind, only: [String] = []) -> [PlanStep] {
        let allowed = plan.steps.filter { $0.kind.rank <= level.rank }
        guard !only.isEmpty else { return allowed }
        let wanted = Set(only.map(PackageName.canonicalize))
        let byNumber = Dictionary(uniqueKeysWithValues: plan.steps.map { ($0.number, $0) })
        var chosen = Set(allowed.filter { !wanted.isDisjoint(with: $0.packages) }.map(\.number))
        var frontier = Array(chosen)
        while let next = frontier.popLast() {
            for needed in byNumber[next]?.dependsOn ?? [] where !chosen.contains(needed) {
                chosen.insert(needed)
                frontier.append(needed)
            }
        }
        return plan.steps.filter { chosen.contains($0.number) }
    }

    /// The edits that apply `steps` (cumulative: a package moved twice ends at its last version)
    /// to the files the `entries` were read from. Additions go to the file that pins the package
    /// requiring them (or the step's main package).
    public static func edits(for steps: [PlanStep], entries: [RequirementEntry]) -> PlanEdits {
        var final: [String: PackageMove] = [:]
        var additions: [String: (move: PackageMove, requirer: String)] = [:]
        for step in steps {
            for move in step.moves {
                if move.isAddition && final[move.name] == nil && additions[move.name] == nil {
                    let requirer = move.reasons.lazy.compactMap { reason -> String? in
                        if case .requiredBy(let package, _, _) = reason { return package } else { return nil }
                    }.first ?? step.package
                    additions[move.name] = (move, requirer)
                } else if additions[move.name] != nil {
                    additions[move.name]!.move.to = move.to
                    additions[move.name]!.move.hashes = move.hashes
                } else {
                    if let earlier = final[move.name] { var m = move; m.from = earlier.from; final[move.name] = m } else { final[move.name] = move }
                }
            }
        }

        var files: [String: FileEdit] = [:]
        var fileOrder: [String] = []
        var locks: [String: [(String, String)]] = [:]
        var lockOrder: [String] = []
        var manual: [ManualEdit] = []
        var firstFile: [String: (file: String, origin: RequirementEntry.Origin)] = [:]

        for entry in entries {
            guard let name = entry.canonicalName else { continue }
            if firstFile[name] == nil { firstFile[name] = (entry.location.file, entry.origin) }
            guard let move = final[name], move.locations.contains(entry.location),
                  let written = PinningAnalysis.exactVersion(entry) else { continue }
            switch entry.origin {
            case .requirementsFile:
                if files[entry.location.file] == nil { files[entry.location.file] = FileEdit(path: entry.location.file); fileOrder.append(entry.location.file) }
                files[entry.location.file]!.changes.append(PinChange(line: entry.location.line, name: name, oldVersion: written,
                                                                     newVersion: move.to, hashes: move.hashes))
            case .lockfile:
                if locks[entry.location.file] == nil { lockOrder.append(entry.location.file) }
                locks[entry.location.file, default: []].append((move.displayName, move.to))
            case .pyproject, .pipfile:
                if files[entry.location.file] == nil { files[entry.location.file] = FileEdit(path: entry.location.file); fileOrder.append(entry.location.file) }
                files[entry.location.file]!.changes.append(PinChange(line: entry.location.line, name: name, oldVersion: written,
                                                                     newVersion: move.to))
            case .dockerfile:
                manual.append(ManualEdit(location: entry.location,
                    instruction: "change `\(entry.name ?? name)==\(written)` to `\(entry.name ?? name)==\(move.to)` in \(entry.location)"))
            }
        }

        for name in additions.keys.sorted() {
            let (move, requirer) = additions[name]!
            let why = "required by \(requirer)==\(final[requirer]?.to ?? additions[requirer]?.move.to ?? "?")"
            guard let home = firstFile[requirer] ?? additions[requirer].flatMap({ firstFile[$0.requirer] }) else { continue }
            switch home.origin {
            case .requirementsFile:
                if files[home.file] == nil { files[home.file] = FileEdit(path: home.file); fileOrder.append(home.file) }
                files[home.file]!.additions.append(PinAddition(name: move.displayName, version: move.to, hashes: move.hashes, why: why))
            case .lockfile:
                continue   // relocking adds it
            case .dockerfile, .pyproject, .pipfile:
                manual.append(ManualEdit(location: SourceLocation(file: home.file, line: 1),
                                         instruction: "add `\(move.displayName)==\(move.to)` (\(why)) to \(home.file)"))
            }
        }

        let lockUpdates = lockOrder.compactMap { file in
            LockCommand.command(lockfile: file, packages: locks[file]!).map { LockUpdate(lockfile: file, command: $0) }
        }
        return PlanEdits(files: fileOrder.map { files[$0]! }, lockCommands: lockUpdates, manual: manual)
    }
}
