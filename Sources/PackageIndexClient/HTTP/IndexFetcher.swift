import Foundation
import PinAuditCore

/// Validators of a cached document, sent back as `If-None-Match` / `If-Modified-Since`.
public struct CacheValidators: Codable, Hashable, Sendable {
    public var etag: String?
    public var lastModified: String?
    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }

    public var isEmpty: Bool { etag == nil && lastModified == nil }

    var requestHeaders: [HTTPHeaderField] {
        var fields: [HTTPHeaderField] = []
        if let etag { fields.append(HTTPHeaderField("If-None-Match", etag)) }
        if let lastModified { fields.append(HTTPHeaderField("If-Modified-Since", lastModified)) }
        return fields
    }
}

/// A document fetched, or the server's word that the cached copy is current.
enum FetchOutcome<Document> {
    case fetched(Document, CacheValidators)
    case notModified
}

/// A body that arrived complete but cannot be used.
struct DocumentError: Error, CustomStringConvertible {
    var description: String
}

/// GETs documents with retries: the one place that turns transport errors and statuses into
/// `IndexFailure`s with redacted, specific reasons.
final class IndexFetcher: Sendable {
    let transport: CurlTransport
    let policy: RetryPolicy
    let statistics: IndexStatistics
    /// Bounds the documents alive at once, in transfer or being decoded, to the number of
    /// transfers. Small requests pass without a place: their bodies do not matter, and making
    /// them queue behind documents would hold up the chains they belong to.
    private let bodies: ConcurrencyLimit

    /// The largest answer of each kind, and the names of the limits for messages.
    let limits: IndexLimits

    init(transport: CurlTransport, policy: RetryPolicy, statistics: IndexStatistics, limits: IndexLimits = .defaults) {
        self.transport = transport
        self.policy = policy
        self.statistics = statistics
        self.limits = limits
        bodies = ConcurrencyLimit(transport.settings.maxConcurrentTransfers)
    }

    /// Fetches `request` and decodes it; 304 is `.notModified`, 404/410 `.notFound`, retryable
    /// failures are tried again up to the policy's bounds, then become `.unavailable`.
    /// `kind` decides the largest body accepted (`IndexLimits`); `.other` leaves the transport's.
    func fetch<Document>(_ request: HTTPRequest, kind: AnswerKind = .other, validators: CacheValidators? = nil,
                         decode: (HTTPResponse) throws -> Document) async -> Result<FetchOutcome<Document>, IndexFailure> {
        var request = request
        request.headers += validators?.requestHeaders ?? []
        if let cap = kind.maxBytes(limits) { request.maxResponseBytes = cap }
        let url = URLRedaction.redact(request.url)
        var attempt = 0
        var unusableBodies = 0
        var timeouts = 0
        while true {
            attempt += 1
            let step: Step<Document>
            if request.priority == .small {
                step = await attemptOnce(request, kind: kind, validators: validators, url: url, attempt: attempt,
                                         unusableBodies: &unusableBodies, timeouts: &timeouts, decode: decode)
            } else {
                step = await bodies.withPlace {
                    await attemptOnce(request, kind: kind, validators: validators, url: url, attempt: attempt,
                                      unusableBodies: &unusableBodies, timeouts: &timeouts, decode: decode)
                }
            }
            let problem: String
            let retryAfter: String?
            let retryable: Bool
            let hint: String?
            switch step {
            case .done(let result): return result
            case .retry(let reason, let canRetry, let after, let limitHint):
                problem = reason; retryable = canRetry; retryAfter = after; hint = limitHint
            }
            let advice = hint.map { ": " + $0 } ?? ""
            guard retryable else {
                return .failure(.unavailable(reason: "\(problem) from \(url)\(advice)"))
            }
            guard attempt < policy.maxAttempts else {
                return .failure(.unavailable(reason: "\(problem) from \(url) after \(Self.tries(attempt))\(advice)"))
            }
            let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter)
            if let left = transport.settings.secondsLeft(), left <= delay {
                // Waiting for the next try would pass the run's deadline.
                return .failure(.unavailable(reason: "\(problem) from \(url) after \(Self.tries(attempt)), and "
                    + "\(deadlineProblem) before another try: \(IndexLimits.hint(for: .deadline))"))
            }
            if delay > 0 { try? await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) }
            if Task.isCancelled {
                return .failure(.unavailable(reason: "\(problem) from \(url); gave up after \(Self.tries(attempt)) (cancelled)"))
            }
            statistics.recordRetry()
        }
    }

    /// What one attempt came to: an answer, or a reason to try again (or to give up with).
    private enum Step<Document> {
        case done(Result<FetchOutcome<Document>, IndexFailure>)
        case retry(String, retryable: Bool, retryAfter: String?, hint: String? = nil)
    }

    private var deadlineProblem: String {
        "the run's deadline of \(IndexLimits.describe(seconds: transport.settings.deadlineSeconds ?? 0)) passed"
    }

    /// One request and the decoding of its body.
    private func attemptOnce<Document>(_ request: HTTPRequest, kind: AnswerKind, validators: CacheValidators?, url: String,
                                       attempt: Int, unusableBodies: inout Int, timeouts: inout Int,
                                       decode: (HTTPResponse) throws -> Document) async -> Step<Document> {
        let result = await transport.send(request)
        statistics.recordRequest()
        var problem: String
        var retryAfter: String?
        var retryable: Bool
        var hint: String?
        switch result {
        case .failure(let error):
            if error.kind == .responseTooLarge, kind == .wheelRange, let limit = request.maxResponseBytes {
                // For a part of a wheel, a body over the limit means the server sent the whole
                // file instead of the part: the metadata is unavailable, the index is not broken.
                return .done(.failure(.metadataUnavailable(reason: "the server sent more than \(IndexLimits.describe(bytes: limit)) "
                    + "from \(url) (\(IndexLimits.hint(for: .maxWheelRangeSize)))")))
            }
            problem = error.description
            retryable = error.isRetryable
            if let limit = describeLimit(error.kind, kind: kind, request: request) {
                problem = limit.problem
                hint = limit.hint
            }
            if [.timedOut, .connectTimedOut, .stalled].contains(error.kind) {
                // A server that did not answer in time twice will not answer a third time soon.
                timeouts += 1
                retryable = timeouts < policy.maxAttemptsForTimeout
                if !retryable {
                    return .done(.failure(.unavailable(reason: "\(problem) from \(url) after \(Self.tries(attempt))\(hint.map { ": " + $0 } ?? "")")))
                }
            }
            if error.kind == .truncatedBody || error.kind == .inFlightLimitExceeded {
                // A body cut short is an unusable body: tried again once, like invalid JSON.
                unusableBodies += 1
                retryable = unusableBodies < policy.maxAttemptsForUnusableBody
                if !retryable {
                    return .done(.failure(.unavailable(reason: "\(problem) from \(url) after \(Self.tries(attempt))\(hint.map { ": " + $0 } ?? "")")))
                }
            }
        case .success(let response):
            statistics.recordResponse(response)
            switch response.status {
            case 200...299:
                do {
                    let document = try decode(response)
                    return .done(.success(.fetched(document, CacheValidators(etag: response.etag,
                                                                              lastModified: response.lastModified))))
                } catch {
                    unusableBodies += 1
                    if unusableBodies >= policy.maxAttemptsForUnusableBody || attempt >= policy.maxAttempts {
                        return .done(.failure(.unavailable(reason: "\(error) from \(url) after \(Self.tries(attempt))")))
                    }
                    problem = "\(error)"
                    retryable = true
                }
            case 304 where validators.map { !$0.isEmpty } ?? false:
                statistics.recordNotModified()
                return .done(.success(.notModified))
            case 404, 410:
                return .done(.failure(.notFound))
            case 401, 403:
                return .done(.failure(.unavailable(reason: "\(response.statusLine) from \(url): check the credentials "
                    + "in the index URL or in ~/.netrc")))
            default:
                problem = response.statusLine
                retryable = RetryPolicy.isRetryable(status: response.status)
                retryAfter = response.retryAfter
            }
        }
        return .retry(problem, retryable: retryable, retryAfter: retryAfter, hint: hint)
    }

    /// The limit a failed transfer ran into, in words, and how to raise it; nil for other failures.
    private func describeLimit(_ error: TransportError.Kind, kind: AnswerKind, request: HTTPRequest) -> (problem: String, hint: String?)? {
        let settings = transport.settings
        switch error {
        case .responseTooLarge:
            let limit = request.maxResponseBytes.map { min($0, settings.maxResponseBytes) } ?? settings.maxResponseBytes
            let problem = "an answer larger than \(IndexLimits.describe(bytes: limit)) (the limit for \(kind.name))"
            return (problem, kind.setting.map { IndexLimits.hint(for: $0) })
        case .stalled:
            return ("less than \(settings.lowSpeedLimit) bytes per second for \(IndexLimits.describe(seconds: settings.lowSpeedTime)) "
                + "(the low-speed limit)", "allow slower answers with \(IndexLimits.Setting.lowSpeedTime.flag) (longer) or "
                + "\(IndexLimits.Setting.lowSpeedLimit.flag) (lower; 0 turns the check off), their PINAUDIT_ variables, "
                + "or the keys of the same names under [index-limits] in .pinaudit.toml")
        case .connectTimedOut:
            return ("no connection within \(IndexLimits.describe(seconds: settings.connectTimeout)) (the connect timeout)",
                    IndexLimits.hint(for: .connectTimeout))
        case .timedOut:
            return ("no complete answer within \(IndexLimits.describe(seconds: settings.totalTimeout)) (the request timeout)",
                    IndexLimits.hint(for: .requestTimeout))
        case .deadlineExceeded:
            return (deadlineProblem + " before an answer came", IndexLimits.hint(for: .deadline))
        case .inFlightLimitExceeded:
            return ("more than \(IndexLimits.describe(bytes: settings.maxBytesInFlight)) of answers in transfer at once "
                + "(the in-flight limit)", IndexLimits.hint(for: .maxInFlightSize))
        default:
            return nil
        }
    }

    /// GETs raw bytes (a range of a file), with the same retries; never conditional, so the
    /// answer bypasses the ETag path. 200 and 206 are both successes.
    func fetchBytes(_ request: HTTPRequest) async -> Result<HTTPResponse, IndexFailure> {
        switch await fetch(request, kind: .wheelRange, validators: nil, decode: { $0 }) {
        case .success(.fetched(let response, _)): .success(response)
        case .success(.notModified): .failure(.unavailable(reason: "the index answered 304 to an unconditional request"))
        case .failure(let failure): .failure(failure)
        }
    }

    private static func tries(_ count: Int) -> String { count == 1 ? "1 try" : "\(count) tries" }
}
