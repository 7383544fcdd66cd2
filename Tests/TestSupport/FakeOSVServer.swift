import Foundation

/// A fake OSV API on loopback: `POST /v1/querybatch` answers from `affect(...)` entries, in query
/// order; `GET /v1/vulns/<id>` serves the records added with `addRecord`. It can share a
/// `LoopbackHTTPServer` with a fake index (the paths do not collide) or run its own.
public final class FakeOSVServer: @unchecked Sendable {
    public let server: LoopbackHTTPServer
    private let lock = NSLock()
    private var affected: [String: [String]] = [:]
    private var pageTokens: [String: (ids: [String], token: String)] = [:]

    public init(server: LoopbackHTTPServer? = nil) throws {
        self.server = try server ?? LoopbackHTTPServer()
        self.server.handle("/v1/querybatch") { [weak self] request in self?.answerBatch(request) }
    }

    /// The base URL (`PINAUDIT_OSV_URL`).
    public var baseURL: String { server.baseURL }

    /// Makes `ids` the answer for `name` (matched canonically) at `version`.
    public func affect(_ name: String, _ version: String, ids: [String]) {
        lock.lock()
        affected[Self.key(name, version), default: []] += ids
        lock.unlock()
    }

    /// Makes the first answer for `name` at `version` end with `next_page_token`; the query
    /// that sends that token back gets `ids`.
    public func addSecondPage(_ name: String, _ version: String, ids: [String], token: String = "page-2") {
        lock.lock()
        pageTokens[Self.key(name, version)] = (ids, token)
        lock.unlock()
    }

    /// Serves `json` at `/v1/vulns/<id>`.
    public func addRecord(_ id: String, json: String) {
        server.route("/v1/vulns/\(id)", LoopbackResponse.json(json))
    }

    /// A record with the usual fields: `fixed` versions of `package` (an ECOSYSTEM range) and,
    /// when given, of `otherPackage` (which must not leak into `package`'s answer).
    public static func record(id: String, aliases: [String] = [], package: String, fixed: [String], summary: String = "A flaw",
                              withdrawn: String? = nil, otherPackage: (name: String, fixed: String)? = nil) -> String {
        func affected(_ name: String, _ fixed: [String]) -> [String: Any] {
            ["package": ["name": name, "ecosystem": "PyPI"],
             "ranges": [["type": "ECOSYSTEM", "events": [["introduced": "0"]] + fixed.map { ["fixed": $0] }],
                        ["type": "GIT", "repo": "https://git.example/x", "events": [["introduced": "0"], ["fixed": "abc123"]]]]]
        }
        var document: [String: Any] = [
            "id": id, "aliases": aliases, "summary": summary, "modified": "2024-01-01T00:00:00Z",
            "references": [["type": "PACKAGE", "url": "https://pkg.example/\(id)"],
                           ["type": "ADVISORY", "url": "https://advisory.example/\(id)"]],
            "affected": [affected(package, fixed)] + (otherPackage.map { [affected($0.name, [$0.fixed])] } ?? []),
        ]
        if let withdrawn { document["withdrawn"] = withdrawn }
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The parsed `queries` of every batch request received so far.
    public var receivedQueries: [[[String: Any]]] {
        server.requests.filter { $0.path == "/v1/querybatch" }.map { request in
            let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]
            return object?["queries"] as? [[String: Any]] ?? []
        }
    }

    private func answerBatch(_ request: LoopbackRequest) -> LoopbackResponse {
        guard request.method == "POST",
              let object = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any],
              let queries = object["queries"] as? [[String: Any]] else {
            return LoopbackResponse.text("Bad batch.", status: 400)
        }
        lock.lock()
        defer { lock.unlock() }
        let results: [[String: Any]] = queries.map { query in
            let package = query["package"] as? [String: Any]
            let key = Self.key(package?["name"] as? String ?? "", query["version"] as? String ?? "")
            guard package?["ecosystem"] as? String == "PyPI" else { return [:] }
            if let token = query["page_token"] as? String {
                guard let page = pageTokens[key], page.token == token else { return [:] }
                return ["vulns": page.ids.map { ["id": $0, "modified": "2024-01-01T00:00:00Z"] }]
            }
            var result: [String: Any] = [:]
            if let ids = affected[key], !ids.isEmpty {
                result["vulns"] = ids.map { ["id": $0, "modified": "2024-01-01T00:00:00Z"] }
            }
            if let page = pageTokens[key] { result["next_page_token"] = page.token }
            return result
        }
        let data = try! JSONSerialization.data(withJSONObject: ["results": results])
        return LoopbackResponse.json(String(decoding: data, as: UTF8.self))
    }

    private static func key(_ name: String, _ version: String) -> String {
        let canonical = name.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: ".", with: "-")
        return canonical + "==" + version
    }
}
