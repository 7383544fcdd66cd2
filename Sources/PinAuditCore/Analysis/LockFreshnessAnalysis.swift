import PythonPackaging

/// Whether each lockfile still pins what the declaration file beside it asks for (`lock-stale`),
/// and whether build requirements are pinned (`unpinned-build`).
///
/// A declared dependency, extra member or group member (applicable to a target) must be in the lock
/// at a version its specifier admits; otherwise someone changed the declarations without re-locking,
/// and an install from the lock is not what the declarations say.
public enum LockFreshnessAnalysis {
    public static func findings(declarations: [RequirementEntry], entries: [RequirementEntry],
                                targets: [MarkerEnvironment], projectNames: Set<String> = [],
                                inputMismatches: [LockInputMismatch] = []) -> [Finding] {
        var locked: [String: [String: [RequirementEntry]]] = [:]  // lock path → canonical name → entries
        for entry in entries where entry.origin == .lockfile {
            guard let name = entry.canonicalName else { continue }
            locked[entry.location.file, default: [:]][name, default: []].append(entry)
        }
        var findings: [Finding] = []
        for declaration in declarations where PinningAnalysis.isApplicable(declaration, targets: targets) {
            guard let name = declaration.canonicalName, let list = declaration.declaredIn else { continue }
            let written = declaration.requirement?.description ?? name
            guard let lock = declaration.lockedBy else {
                if list == "build-system.requires", PinningAnalysis.exactVersion(declaration) == nil {
                    findings.append(Finding(rule: .unpinnedBuild, package: name, location: declaration.location,
                        message: "Build requirement `\(written)` is not pinned with `==`: building this project from source can use a different \(name) every time. Pin it (e.g. `\(name)==X.Y`), or allow it in the configuration if the project is a library."))
                }
                continue
            }
            // A project's extras and groups may name the project itself (`myapp[test]`).
            if projectNames.contains(name) { continue }
            let relock = relockCommand(lock)
            guard let candidates = locked[lock]?[name], !candidates.isEmpty else {
                findings.append(Finding(rule: .lockStale, package: name, location: declaration.location,
                    message: "\(declaration.location.file) declares `\(written)` (\(list)), but \(lock) does not lock \(name): the lock was made from other declarations. Run `\(relock)` and commit the lock."))
                continue
            }
            // A URL, path or VCS declaration names no versions to compare.
            if declaration.url != nil || declaration.specifier.isEmpty { continue }
            let versions = candidates.compactMap(\.lockedVersion)
            if versions.contains(where: { declaration.specifier.contains(text: $0, prereleases: true) }) { continue }
            let where_ = candidates.first.map { "\($0.location.file):\($0.location.line)" } ?? lock
            findings.append(Finding(rule: .lockStale, package: name, location: declaration.location,
                message: "\(declaration.location.file) declares `\(written)` (\(list)), but \(where_) locks \(name) \(versions.joined(separator: ", ")), which it does not allow: the lock is stale. Run `\(relock)` and commit the lock."))
        }
        // A lock whose record of its input differs, though every declaration is satisfied: still
        // not what the declarations would lock (`uv sync --locked` and `pipenv install --deploy` refuse it).
        let staleLocks = Set(findings.filter { $0.rule == .lockStale }.compactMap { finding in
            declarations.first { $0.location == finding.location }?.lockedBy })
        for mismatch in inputMismatches where !staleLocks.contains(mismatch.lockfile) {
            findings.append(Finding(rule: .lockStale, location: SourceLocation(file: mismatch.declarationFile, line: 1),
                message: "\(mismatch.lockfile) was not made from the current \(mismatch.declarationFile) (\(mismatch.detail)), though the versions it locks still satisfy it. Run `\(relockCommand(mismatch.lockfile))` and commit the lock."))
        }
        return findings
    }

    /// The command that re-locks `lock` as a whole.
    static func relockCommand(_ lock: String) -> String {
        switch lock.split(separator: "/").last.map(String.init) ?? lock {
        case "uv.lock": "uv lock"
        case "poetry.lock": "poetry lock"
        case "pdm.lock": "pdm lock"
        case "Pipfile.lock": "pipenv lock"
        default: "your lock tool's lock command"
        }
    }
}
