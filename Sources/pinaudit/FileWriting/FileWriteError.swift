import Foundation

/// Why pinaudit did not write a file. Every case leaves the file as it was.
enum FileWriteError: Error, CustomStringConvertible {
    case danglingLink(named: String, target: String)
    case linkLoop(named: String)
    case notRegularFile(named: String, reason: String)
    case outsideBoundary(named: String, target: String, roots: [String])
    case severalHardLinks(named: String, target: String, links: Int)
    case readOnly(named: String, target: String)
    case changedSinceRead(named: String, target: String)
    case cannotWrite(named: String, target: String, reason: String)

    var description: String {
        switch self {
        case .danglingLink(let named, let target):
            return "\(named) is a symbolic link to \(target), which does not exist: pinaudit changed nothing. Fix or remove the link and run again."
        case .linkLoop(let named):
            return "\(named) is a symbolic link loop (too many levels of symbolic links): pinaudit changed nothing. Fix the link and run again."
        case .notRegularFile(let named, let reason):
            return "\(named) cannot be replaced: \(reason). pinaudit changed nothing."
        case .outsideBoundary(let named, let target, let roots):
            return "\(named) leads to \(target), outside \(roots.joined(separator: " and ")): pinaudit writes only inside the working directory (or its repository) and the folder of the file named, so it changed nothing. Run pinaudit from a folder that holds \(target), or name that file directly."
        case .severalHardLinks(let named, let target, let links):
            let via = named == target ? "" : " (through \(named))"
            return "\(target)\(via) has \(links) hard links: replacing it would split it from its other names, and rewriting it in place could leave it half-written, so pinaudit changed nothing. Apply the change with `--dry-run` and `patch`, or make the file a single link (cp \(target) \(target).new && mv \(target).new \(target)) and run again."
        case .readOnly(let named, let target):
            let via = named == target ? "" : " (through \(named))"
            return "\(target)\(via) is read-only: pinaudit does not replace a file its owner cannot write, so it changed nothing. Make it writable (chmod u+w \(target)) and run again."
        case .changedSinceRead(let named, let target):
            let via = named == target ? "" : " (through \(named))"
            return "\(target)\(via) changed while pinaudit was running: pinaudit did not overwrite it and wrote no file. Run the command again on the file as it is now."
        case .cannotWrite(let named, let target, let reason):
            let via = named == target ? "" : " (through \(named))"
            return "cannot write \(target)\(via): \(reason). pinaudit changed nothing; make sure it can be written (its folder writable, the disk not full) and run again."
        }
    }
}
