import Foundation
import PinAuditCore
import PythonPackaging

/// Asks an OSV API for the vulnerabilities of pinned PyPI packages: one batch query
/// (`POST <base>/v1/querybatch`, at most `maxQueriesPerBatch` pins a request) names the
/// vulnerability ids of each pin, then `GET <base>/v1/vulns/<id>` gives each id's details,
/// fetched concurrently (the transport bounds how many at once) and kept in memory for the run.
///
/// ```swift
/// let osv = OSVClient(baseURL: OSVClient.resolveURL(configured: configuration.osvURL))
/// let found = await osv.vulnerabilities(for: [(name: "jinja2", version: "2.11.2")])
/// ```
public struct OSVClient: Sendable {
    /// OSV's public API base. The only place its address is written.
    public static let defaultURL = "https://api.osv.dev"
    /// OSV accepts at most this many queries in one batch.
    public static let maxQueriesPerBatch = 1000
    /// Pages of one query's results followed through `next_page_token`, the first included.
    public static let maxPagesPerQuery = 10

    /// The API base, without a trailing slash or `/v1`.
    public let baseURL: String
    let batchSize: Int
    private let fetcher: IndexFetcher
    private let details: OSVDetailCache

    /// A client over `transport` (shared with the index client, or its own).
    public init(baseURL: String = OSVClient.defaultURL, transport: CurlTransport, retryPolicy: RetryPolicy = RetryPolicy(),
                batchSize: Int = OSVClient.maxQueriesPerBatch) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        // `osv-url` may name the versioned root (`.../v1`); the paths below add the version.
        if base.hasSuffix("/v1") { base.removeLast(3) }
        self.baseURL = base
        self.batchSize = min(max(1, batchSize), OSVClient.maxQueriesPerBatch)
        fetcher = IndexFetcher(transport: transport, policy: retryPolicy, statistics: IndexStatistics())
        details = OSVDetailCache()
    }

    /// A client with a transport of its own.
    public init(baseURL: String = OSVClient.defaultURL, settings: HTTPTransportSettings = HTTPTransportSettings(),
                retryPolicy: RetryPolicy = RetryPolicy()) {
        self.init(baseURL: baseURL, transport: CurlTransport(settings: settings), retryPolicy: retryPolicy)
    }

    /// The base URL a run uses: `PINAUDIT_OSV_URL` (for tests), then the configuration's
    /// `osv-url`, then OSV's public API.
    public static func resolveURL(configured: String?,
                                  environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let fromEnvironment = environment["PINAUDIT_OSV_URL"], !fromEnvironment.isEmpty { return fromEnvironment }
        if let configured, !configured.isEmpty { return configured }
        return defaultURL
    }

    /// The vulnerabilities OSV knows for each pin, keyed by the name as given (every pin gets an
    /// entry, empty when OSV knows none). `.unavailable` when OSV could not be asked.
    public func vulnerabilities(for pins: [(name: String, version: String)]) async -> Result<[String: [Vulnerability]], IndexFailure> {
        var seen: Set<String> = []
        let unique = pins.filter { seen.insert("\($0.name)\u{0}\($0.version)").inserted }
        // 1. Which ids apply to each pin.
        var idsByPin: [[String]] = []
        var start = 0
        while start < unique.count {
            let batch = Array(unique[start..<min(start + batchSize, unique.count)])
            switch await queryBatch(batch) {
            case .success(let ids): idsByPin += ids
            case .failure(let failure): return .failure(failure)
            }
            start += batchSize
        }
        // 2. The details of each distinct id.
        var distinct: [String] = []
        var known: Set<String> = []
        for id in idsByPin.joined() where known.insert(id).inserted { distinct.append(id) }
        let fetched: [String: Result<OSVRecord?, IndexFailure>] = await withTaskGroup(of: (String, Result<OSVRecord?, IndexFailure>).self) { group in
            for id in distinct { group.addTask { (id, await self.record(id)) } }
            var out: [String: Result<OSVRecord?, IndexFailure>] = [:]
            for await (id, result) in group { out[id] = result }
            return out
        }
        var records: [String: OSVRecord] = [:]
        for id in distinct {
            switch fetched[id] {
            case .success(let record?)?: records[id] = record
            case .failure(let failure)?: return .failure(failure)
            default: break
            }
        }
        // 3. One Vulnerability per pin and id.
        var result: [String: [Vulnerability]] = [:]
        for (pin, ids) in zip(unique, idsByPin) {
            let canonical = PackageName.canonicalize(pin.name)
            var list = result[pin.name] ?? []
            for id in ids where !list.contains(where: { $0.id == id }) {
                list.append(records[id]?.vulnerability(for: canonical) ?? Vulnerability(id: id, source: "osv"))
            }
            result[pin.name] = list
        }
        return .success(result)
    }

    // MARK: - Batch query

    /// OSV's `querybatch` body: `{"queries":[{"package":{"ecosystem":"PyPI","name":…},"version":…}]}`,
    /// keys sorted, with `page_token` when a query asks for a further page.
    private struct QueryBody {
        struct Package {
            var name: String
            var ecosystem = "PyPI"
        }
        struct Query {
            var package: Package
            var version: String
            var page_token: String?

            var json: JSONValue {
                var members: JSONObject = [("package", .object([("ecosystem", .string(package.ecosystem)), ("name", .string(package.name))]))]
                if let page_token { members.append("page_token", .string(page_token)) }
                members.append("version", .string(version))
                return .object(members)
            }
        }
        var queries: [Query]

        var data: Data { Data(JSONValue.object([("queries", .array(queries.map(\.json)))]).rendered(.compact).utf8) }
    }

    /// The ids for each pin of `batch`, in order, following `next_page_token` a bounded number of times.
    private func queryBatch(_ batch: [(name: String, version: String)]) async -> Result<[[String]], IndexFailure> {
        let queries = batch.map { QueryBody.Query(package: .init(name: $0.name), version: $0.version) }
        let first: [OSVBatchResult]
        switch await post(queries, expecting: batch.count) {
        case .success(let results): first = results
        case .failure(let failure): return .failure(failure)
        }
        var ids = first.map(\.ids)
        for (index, result) in first.enumerated() {
            var token = result.nextPageToken
            var pages = 1
            while let pageToken = token, pages < OSVClient.maxPagesPerQuery {
                var query = queries[index]
                query.page_token = pageToken
                switch await post([query], expecting: 1) {
                case .success(let page):
                    ids[index] += page[0].ids.filter { !ids[index].contains($0) }
                    token = page[0].nextPageToken
                case .failure(let failure): return .failure(failure)
                }
                pages += 1
            }
        }
        return .success(ids)
    }

    private func post(_ queries: [QueryBody.Query], expecting count: Int) async -> Result<[OSVBatchResult], IndexFailure> {
        let body = QueryBody(queries: queries).data
        let url = baseURL + "/v1/querybatch"
        let request = HTTPRequest(url: url, headers: [HTTPHeaderField("Accept", "application/json")], body: body)
        let outcome = await fetcher.fetch(request) { response -> [OSVBatchResult] in
            let document = try JSONParser.parse(response.body)
            guard let results = document["results"]?.array else {
                throw DocumentError(description: "an OSV batch answer without \"results\"")
            }
            guard results.count == count else {
                throw DocumentError(description: "an OSV batch answer with \(results.count) results for \(count) queries")
            }
            return results.map(OSVBatchResult.init)
        }
        switch outcome {
        case .success(.fetched(let results, _)): return .success(results)
        case .success(.notModified): return .failure(.unavailable(reason: "OSV answered 304 to a query"))
        case .failure(.notFound): return .failure(.unavailable(reason: "404 Not Found from \(URLRedaction.redact(url)): check osv-url"))
        case .failure(let failure): return .failure(failure)
        }
    }

    // MARK: - Details

    /// The details of one id: from memory, or fetched; nil when OSV has no such id.
    private func record(_ id: String) async -> Result<OSVRecord?, IndexFailure> {
        if let cached = details.get(id) { return .success(cached) }
        let escaped = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
        let request = HTTPRequest(url: baseURL + "/v1/vulns/" + escaped, headers: [HTTPHeaderField("Accept", "application/json")])
        switch await fetcher.fetch(request, decode: { OSVRecord(try JSONParser.parse($0.body), id: id) }) {
        case .success(.fetched(let record, _)):
            details.set(id, record)
            return .success(record)
        case .success(.notModified), .failure(.notFound): return .success(nil)
        case .failure(let failure): return .failure(failure)
        }
    }
}

/// One entry of a batch answer.
struct OSVBatchResult {
    var ids: [String]
    var nextPageToken: String?

    init(_ value: JSONValue) {
        var ids: [String] = []
        for vuln in value["vulns"]?.array ?? [] {
            if let id = vuln["id"]?.nonEmptyString, !ids.contains(id) { ids.append(id) }
        }
        self.ids = ids
        nextPageToken = value["next_page_token"]?.nonEmptyString
    }
}

/// The parts of an OSV record pinaudit uses; `fixedIn` depends on the package asked about.
struct OSVRecord: Sendable {
    var id: String
    var aliases: [String]
    var summary: String?
    var link: String?
    var withdrawn: Bool
    /// Fixed versions by canonical PyPI package name, from `ECOSYSTEM` ranges.
    var fixedByPackage: [String: [String]]
    /// From `severity` (CVSS vectors) and `database_specific.severity`; nil when neither gives one.
    var severity: VulnerabilitySeverity?
    /// By canonical PyPI package name, from `affected[].severity`, for a record without a top-level one.
    var severityByPackage: [String: VulnerabilitySeverity] = [:]

    init(_ document: JSONValue, id requestedID: String) {
        id = document["id"]?.nonEmptyString ?? requestedID
        aliases = document["aliases"]?.strings ?? []
        if let summary = document["summary"]?.nonEmptyString {
            self.summary = summary
        } else if let details = document["details"]?.nonEmptyString {
            self.summary = details.split(whereSeparator: \.isNewline).first.map {
                $0.trimmingCharacters(in: .whitespaces)
            }
        }
        withdrawn = document["withdrawn"]?.nonEmptyString != nil
        let references = document["references"]?.array ?? []
        let preferred = references.first { ["ADVISORY", "WEB"].contains($0["type"]?.string ?? "") }
        link = (preferred ?? references.first)?["url"]?.nonEmptyString
        var fixed: [String: [String]] = [:]
        for affected in document["affected"]?.array ?? [] {
            guard affected["package"]?["ecosystem"]?.string == "PyPI",
                  let name = affected["package"]?["name"]?.nonEmptyString else { continue }
            let canonical = PackageName.canonicalize(name)
            for range in affected["ranges"]?.array ?? [] where range["type"]?.string == "ECOSYSTEM" {
                for event in range["events"]?.array ?? [] {
                    if let version = event["fixed"]?.nonEmptyString, !(fixed[canonical] ?? []).contains(version) {
                        fixed[canonical, default: []].append(version)
                    }
                }
            }
        }
        fixedByPackage = fixed
        let word = document["database_specific"]?["severity"]?.nonEmptyString
        severity = VulnerabilitySeverity(osvSeverity: Self.severityEntries(document["severity"]), databaseSeverity: word)
        // OSV allows the severity per affected package instead (never both).
        for affected in document["affected"]?.array ?? [] where affected["package"]?["ecosystem"]?.string == "PyPI" {
            guard let name = affected["package"]?["name"]?.nonEmptyString,
                  let own = VulnerabilitySeverity(osvSeverity: Self.severityEntries(affected["severity"]), databaseSeverity: nil) else { continue }
            severityByPackage[PackageName.canonicalize(name)] = own
        }
    }

    /// The `{type, score}` entries of a `severity` array.
    static func severityEntries(_ value: JSONValue?) -> [OSVSeverityEntry] {
        (value?.array ?? []).compactMap { entry in
            guard let type = entry["type"]?.nonEmptyString, let score = entry["score"]?.nonEmptyString else { return nil }
            return OSVSeverityEntry(type: type, score: score)
        }
    }

    func vulnerability(for canonicalName: String) -> Vulnerability {
        Vulnerability(id: id, aliases: aliases, fixedIn: fixedByPackage[canonicalName] ?? [], summary: summary,
                      link: link, withdrawn: withdrawn, source: "osv",
                      severity: severity?.score != nil ? severity : (severityByPackage[canonicalName] ?? severity))
    }
}

/// Records fetched during the run, by id.
final class OSVDetailCache: @unchecked Sendable {
    private let lock = NSLock()
    private var records: [String: OSVRecord] = [:]

    func get(_ id: String) -> OSVRecord? {
        lock.lock()
        defer { lock.unlock() }
        return records[id]
    }

    func set(_ id: String, _ record: OSVRecord) {
        lock.lock()
        records[id] = record
        lock.unlock()
    }
}
