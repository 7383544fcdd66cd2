import Foundation

/// Whether this index serves a kind of document (version documents, Simple API pages), learnt
/// during the run from a few probes.
///
/// Until it is known, at most `probes` lookups ask for such a document at once and the others
/// wait for their verdict: a run that starts hundreds of lookups together would otherwise send
/// hundreds of requests an index like that refuses. One document served settles it (ask
/// always); `probes` refusals settle it the other way (never ask, take the other way).
final class ProbedSupport: @unchecked Sendable {
    enum Decision { case ask, probe, skip }
    enum Verdict { case served, refused, inconclusive }

    private let probes: Int
    private let lock = NSLock()
    private var served = false
    private var refused = 0
    private var probing = 0
    private var waiting: [CheckedContinuation<Decision, Never>] = []

    init(probes: Int = 3) { self.probes = probes }

    /// What a lookup should do; a `.probe` must be followed by `finishProbe`.
    func decide() async -> Decision {
        await withCheckedContinuation { continuation in
            let decision: Decision? = lock.withLock {
                if let settled = nextDecisionLocked() { return settled }
                waiting.append(continuation)
                return nil
            }
            if let decision { continuation.resume(returning: decision) }
        }
    }

    func finishProbe(_ verdict: Verdict) {
        let resumed: [(CheckedContinuation<Decision, Never>, Decision)] = lock.withLock {
            probing -= 1
            switch verdict {
            case .served: served = true
            case .refused: refused += 1
            case .inconclusive: break
            }
            var out: [(CheckedContinuation<Decision, Never>, Decision)] = []
            while !waiting.isEmpty, let decision = nextDecisionLocked() {
                out.append((waiting.removeFirst(), decision))
            }
            return out
        }
        for (continuation, decision) in resumed { continuation.resume(returning: decision) }
    }

    /// The decision for the next lookup, counting it when it is a probe; nil when it must wait
    /// (the lock is held).
    private func nextDecisionLocked() -> Decision? {
        if served { return .ask }
        if refused >= probes { return .skip }
        guard probing < probes - refused else { return nil }
        probing += 1
        return .probe
    }
}
