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

    init(transport: CurlTransport, policy: RetryPolicy, statistics: IndexStatistics) {
        self.transport = transport
        self.policy = policy
        self.statistics = statistics
        bodies = ConcurrencyLimit(transport.settings.maxConcurrentTransfers)
    }

    /// Fetches `request` and decodes it; 304 is `.notModified`, 404/410 `.notFound`, retryable
    /// failures are tried again up to the policy's bounds, then become `.unavailable`.
    func fetch<Document>(_ request: HTTPRequest, validators: CacheValidators? = nil,
                         decode: (HTTPResponse) throws -> Document) async -> Result<FetchOutcome<Document>, IndexFailure> {
        var request = request
        request.headers += validators?.requestHeaders ?? []
        let url = URLRedaction.redact(request.url)
        var attempt = 0
        var unusableBodies = 0
        while true {
            attempt += 1
            let step: Step<Document>
            if request.priority == .small {
                step = await attemptOnce(request, validators: validators, url: url, attempt: attempt,
                                         unusableBodies: &unusableBodies, decode: decode)
            } else {
                step = await bodies.withPlace {
                    await attemptOnce(request, validators: validators, url: url, attempt: attempt,
                                      unusableBodies: &unusableBodies, decode: decode)
                }
            }
            let problem: String
            let retryAfter: String?
            let retryable: Bool
            switch step {
            case .done(let result): return result
            case .retry(let reason, let canRetry, let after):
                problem = reason; retryable = canRetry; retryAfter = after
            }
            guard retryable else {
                return .failure(.unavailable(reason: "\(problem) from \(url)"))
            }
            guard attempt < policy.maxAttempts else {
                return .failure(.unavailable(reason: "\(problem) from \(url) after \(Self.tries(attempt))"))
            }
            let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter)
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
        case retry(String, retryable: Bool, retryAfter: String?)
    }

    /// One request and the decoding of its body.
    private func attemptOnce<Document>(_ request: HTTPRequest, validators: CacheValidators?, url: String, attempt: Int,
                                       unusableBodies: inout Int, decode: (HTTPResponse) throws -> Document) async -> Step<Document> {
        let result = await transport.send(request)
        statistics.recordRequest()
        let problem: String
        var retryAfter: String?
        var retryable: Bool
        switch result {
        case .failure(let error):
            if error.kind == .responseTooLarge, let limit = request.maxResponseBytes {
                // Only reads of parts of files set a limit of their own, and for them a body
                // over it means the server sent the whole file instead of the part.
                return .done(.failure(.metadataUnavailable(reason: "the server sent more than \(limit) bytes from \(url)")))
            }
            problem = error.description
            retryable = error.isRetryable
            if error.kind == .truncatedBody {
                // A body cut short is an unusable body: tried again once, like invalid JSON.
                unusableBodies += 1
                retryable = unusableBodies < policy.maxAttemptsForUnusableBody
                if !retryable {
                    return .done(.failure(.unavailable(reason: "\(problem) from \(url) after \(Self.tries(attempt))")))
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
        return .retry(problem, retryable: retryable, retryAfter: retryAfter)
    }

    /// GETs raw bytes (a range of a file), with the same retries; never conditional, so the
    /// answer bypasses the ETag path. 200 and 206 are both successes.
    func fetchBytes(_ request: HTTPRequest) async -> Result<HTTPResponse, IndexFailure> {
        switch await fetch(request, validators: nil, decode: { $0 }) {
        case .success(.fetched(let response, _)): .success(response)
        case .success(.notModified): .failure(.unavailable(reason: "the index answered 304 to an unconditional request"))
        case .failure(let failure): .failure(failure)
        }
    }

    private static func tries(_ count: Int) -> String { count == 1 ? "1 try" : "\(count) tries" }
}
