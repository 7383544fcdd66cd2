/// How much text variable substitution may produce while one Dockerfile is read: per expanded value
/// and in total. An 884-byte Dockerfile whose `ARG`s double each other (`ARG A1=${A0}${A0}`, 30
/// levels) otherwise asks for 5.4 GB.
///
/// Not configurable: a real Dockerfile's values are paths, versions and package lists, far below
/// the caps, and a value past them could only be read as gigabytes of text.
///
/// A reference shared by the copies of `DockerfileVariables` that one parse makes (globals, stages);
/// a parse runs on one thread, so the counters need no lock.
final class DockerfileExpansionBudget: @unchecked Sendable {
    /// Bytes one expanded value may have.
    static let defaultPerValueLimit = 64 * 1024
    /// Bytes all expansions of one Dockerfile may produce together.
    static let defaultTotalLimit = 4 * 1024 * 1024

    let perValueLimit: Int
    let totalLimit: Int
    private(set) var spent = 0
    /// Overflows not yet reported: whether the total (rather than one value) ran out.
    private var pending: [Bool] = []
    private var reportedTotal = false

    init(perValueLimit: Int = defaultPerValueLimit, totalLimit: Int = defaultTotalLimit) {
        self.perValueLimit = perValueLimit
        self.totalLimit = totalLimit
    }

    var remaining: Int { max(0, totalLimit - spent) }
    /// Once the total is used up, no text is expanded any more.
    var isSpent: Bool { spent >= totalLimit }

    func spend(_ bytes: Int) { spent += bytes }

    /// An expansion stopped at a cap after producing `produced` bytes (they count against the total).
    func recordOverflow(produced: Int, total: Bool) {
        spent = min(totalLimit, spent + produced)
        pending.append(total || isSpent)
    }

    /// The sentence to report for overflows since the last call at the instruction being read, or nil.
    /// The total is reported once; later instructions are then read without substitution, in silence.
    func takeMessage(file: String, line: Int) -> String? {
        defer { pending.removeAll() }
        guard !pending.isEmpty else { return nil }
        if pending.contains(true) {
            guard !reportedTotal else { return nil }
            reportedTotal = true
            return "Variable substitution in \(file) produced more than \(Self.describe(totalLimit)) in all by line \(line) "
                + "(ARG or ENV values that repeat each other); pinaudit read the rest of the file without substituting variables. "
                + "Check the ARG and ENV lines up to here."
        }
        return "Substituting variables at line \(line) of \(file) would produce more than \(Self.describe(perValueLimit)) "
            + "(ARG or ENV values that repeat each other); pinaudit kept the text as written. Check the ARG and ENV values this line uses."
    }

    private static func describe(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? "\(bytes / (1024 * 1024)) MiB" : "\(bytes / 1024) KiB"
    }
}
