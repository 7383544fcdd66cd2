import Foundation
import PinAuditCore

/// Finds and reads the files a command was given (or discovers them), dispatching on the file kind.
struct SourceLoader {
    let reader = DiskReader()
    let cwd = FileManager.default.currentDirectoryPath

    /// The path as the user would type it: relative to the working directory when inside it.
    func display(_ path: String) -> String {
        path.hasPrefix("/") ? SourcePath.relative(path, to: cwd) : SourcePath.normalize(path)
    }

    enum Kind: Equatable { case requirements, lockfile, dockerfile, declarations(DeclarationFile.Kind) }

    static func kind(of path: String) -> Kind {
        let name = (path as NSString).lastPathComponent
        let lower = name.lowercased()
        if lower == "dockerfile" || lower == "containerfile" || lower.hasSuffix(".dockerfile") || lower.hasPrefix("dockerfile.")
            || lower.hasSuffix(".containerfile") { return .dockerfile }
        if LockfileKind.detect(fileName: name) != nil && !lower.hasSuffix(".txt") { return .lockfile }
        if let declared = DeclarationFile.Kind.detect(fileName: name) { return .declarations(declared) }
        return .requirements
    }

    /// Reads `paths` as requirements files (as `pip install -r` would), lockfiles or Dockerfiles by
    /// their names, and `constraints` as constraints files.
    func load(_ paths: [String], constraints: [String] = []) throws -> SourceReading {
        var reading = SourceReading()
        let parser = RequirementsFileParser(reader: reader, environment: ProcessInfo.processInfo.environment)
        var seen: Set<String> = []
        func readText(_ path: String) throws -> String {
            let bytes: [UInt8]
            do { bytes = try reader.read(path) } catch { throw InputFailure("cannot read \(path): \(error).") }
            if TextDecoding.looksBinary(bytes) { throw InputFailure("cannot read \(path): it is a binary file.") }
            return TextDecoding.decode(bytes).text
        }
        func requirements(_ path: String, asConstraint: Bool) throws {
            do {
                reading.merge(try parser.parse(path: path, asConstraint: asConstraint))
            } catch let unreadable as RequirementsFileParser.UnreadableFile {
                throw InputFailure(unreadable.description + ".")
            }
        }
        for (raw, asConstraint) in paths.map({ ($0, false) }) + constraints.map({ ($0, true) }) {
            let path = display(raw)
            guard seen.insert(path).inserted else { continue }
            if reader.isDirectory(path) { throw InputFailure("\(path) is a directory: name the files in it, or run pinaudit there without a path to discover them.") }
            guard reader.exists(path) else { throw InputFailure("cannot read \(path): no such file.") }
            switch asConstraint ? .requirements : Self.kind(of: path) {
            case .requirements:
                try requirements(path, asConstraint: asConstraint)
            case .lockfile:
                reading.merge(LockfileParser.parse(path: path, text: try readText(path), reader: reader).sourceReading)
            case .declarations(let kind):
                let text = try readText(path)
                let declared = DeclarationFile.parse(path: path, text: text, kind: kind)
                // The lock beside the file pins what it declares: read it too, once.
                let folder = (path as NSString).deletingLastPathComponent
                let lock = kind.lockfileNames.map { folder.isEmpty ? $0 : folder + "/" + $0 }.first { reader.exists($0) }
                if let lock {
                    let lockText = try readText(lock)
                    if seen.insert(lock).inserted {
                        reading.merge(LockfileParser.parse(path: lock, text: lockText, reader: reader).sourceReading)
                    }
                    if case .madeFromOtherDeclarations(let detail) = LockInputCheck.verdict(declarations: declared, declarationText: text,
                                                                                            lockPath: lock, lockText: lockText) {
                        reading.lockInputMismatches.append(LockInputMismatch(lockfile: lock, declarationFile: path, detail: detail))
                    }
                }
                reading.merge(declared.sourceReading(lockedBy: lock))
            case .dockerfile:
                let docker = DockerfileParser.parse(path: path, text: try readText(path))
                reading.merge(DockerfileAnalysis.sourceReading(for: docker))
                // The requirements and constraints files the image installs, found in the build context.
                for file in docker.referencedFiles {
                    guard let referenced = file.path.map(SourcePath.normalize), reader.exists(referenced),
                          !reader.isDirectory(referenced), seen.insert(referenced).inserted else { continue }
                    try requirements(referenced, asConstraint: file.role == .constraints)
                }
            }
        }
        return reading
    }

    /// With no path: the requirements, constraints, lock and Docker files in the working directory and below.
    func discover() -> (requirements: [String], constraints: [String]) {
        let skip: Set<String> = [".git", ".hg", ".svn", "node_modules", ".venv", "venv", "env", ".tox", ".nox", "__pycache__",
                                 "build", "dist", ".build", ".mypy_cache", ".pytest_cache", "site-packages", ".eggs"]
        var found: [String] = []
        func walk(_ dir: String, depth: Int) {
            guard depth < 8, let names = try? FileManager.default.contentsOfDirectory(atPath: dir.isEmpty ? "." : dir) else { return }
            for name in names.sorted() {
                let path = dir.isEmpty ? name : dir + "/" + name
                if reader.isDirectory(path) {
                    if skip.contains(name) || name.hasPrefix(".build") || name.hasSuffix(".egg-info") { continue }
                    if FileManager.default.fileExists(atPath: path + "/pyvenv.cfg") { continue }
                    walk(path, depth: depth + 1)
                } else if Self.isSource(name: name, inRequirementsFolder: (dir as NSString).lastPathComponent == "requirements") {
                    found.append(path)
                }
            }
        }
        walk("", depth: 0)
        let isConstraints = { (p: String) in (p as NSString).lastPathComponent.lowercased().hasPrefix("constraints") }
        return (found.filter { !isConstraints($0) }, found.filter(isConstraints))
    }

    static func isSource(name: String, inRequirementsFolder: Bool) -> Bool {
        let lower = name.lowercased()
        if kind(of: name) != .requirements { return true }
        if lower.hasSuffix(".txt") && (lower.hasPrefix("requirements") || lower.hasPrefix("constraints") || inRequirementsFolder) { return true }
        return false
    }
}
