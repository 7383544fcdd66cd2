import Foundation

/// A JSON API index on loopback that can misbehave: hang, drip, send endless or compressed-bomb
/// bodies and huge headers (`LoopbackMisbehaviour`), redirect elsewhere, or serve text laden with
/// escape sequences (`HostileIndexText`). Well-behaved packages are served beside hostile ones.
///
/// ```swift
/// let index = try HostileIndexServer()
/// index.addProject("calm", version: "1.0")
/// index.addProject("slow", version: "1.0")
/// index.misbehave(.drip(interval: 0.5), for: "slow")
/// // PINAUDIT_INDEX_URL=index.jsonAPIURL
/// ```
public final class HostileIndexServer: @unchecked Sendable {
    public let server: LoopbackHTTPServer

    /// The documents of a project that a misbehaviour or redirect applies to.
    public enum Document: Sendable, Hashable, CaseIterable {
        /// `/pypi/<name>/json`.
        case project
        /// `/pypi/<name>/<version>/json`.
        case version
    }

    /// Starts an empty index on `host` (any 127.x.y.z address).
    public init(host: String = "127.0.0.1") throws {
        server = try LoopbackHTTPServer(host: host)
    }

    /// `http://<host>:<port>/pypi`, the JSON API base (`PINAUDIT_INDEX_URL`).
    public var jsonAPIURL: String { server.baseURL + "/pypi" }

    private let lock = NSLock()
    private var versions: [String: String] = [:]

    /// Serves a project with one release of one pure-Python wheel and no dependencies; text
    /// fields (yank reason, summary, project URLs, vulnerabilities) as given.
    /// `newer`: later releases listed in the project document (well-behaved, not yanked);
    /// `fileBase`: where file URLs point (default: this server's `/files`; may be relative).
    public func addProject(_ name: String, version: String, yankedReason: String? = nil,
                           summary: String = "A package for tests.", projectURLs: [String: String] = [:],
                           vulnerabilities: [[String: Any]] = [], newer: [String] = [], fileBase: String? = nil) {
        lock.withLock { versions[name] = version }
        func releaseFile(_ version: String, yanked: String?) -> [String: Any] {
            ["filename": "\(name)-\(version)-py3-none-any.whl", "packagetype": "bdist_wheel",
             "url": "\(fileBase ?? server.baseURL + "/files")/\(name)-\(version)-py3-none-any.whl",
             "yanked": yanked != nil, "yanked_reason": yanked as Any,
             "upload_time_iso_8601": "2024-01-10T00:00:00Z", "requires_python": ">=3.8",
             "digests": ["sha256": String(repeating: "ab", count: 31) + String(format: "%02x", version.count)]]
        }
        let file = releaseFile(version, yanked: yankedReason)
        var releases: [String: Any] = [version: [file]]
        for later in newer { releases[later] = [releaseFile(later, yanked: nil)] }
        let info: [String: Any] = ["name": name, "version": newer.last ?? version, "summary": summary, "requires_dist": [String](),
                                   "requires_python": ">=3.8", "project_urls": projectURLs,
                                   "home_page": projectURLs["Homepage"] as Any]
        let versionDocument: [String: Any] = ["info": info, "urls": [file], "vulnerabilities": vulnerabilities]
        let projectDocument: [String: Any] = ["info": info, "releases": releases, "vulnerabilities": [Any]()]
        server.route(path(name, .project), LoopbackResponse.json(Self.json(projectDocument)))
        server.route(path(name, .version), LoopbackResponse.json(Self.json(versionDocument)))
        for later in newer {
            var laterInfo = info
            laterInfo["version"] = later
            let document: [String: Any] = ["info": laterInfo, "urls": [releaseFile(later, yanked: nil)], "vulnerabilities": [Any]()]
            server.route("/pypi/\(name)/\(later)/json", LoopbackResponse.json(Self.json(document)))
        }
    }

    /// Makes `documents` of `name` (added before) misbehave on every request.
    public func misbehave(_ misbehaviour: LoopbackMisbehaviour, for name: String,
                          documents: Set<Document> = Set(Document.allCases)) {
        for document in documents {
            let served = server.fixedRoute(path(name, document)) ?? LoopbackResponse.json("{}")
            var hostile = served
            hostile.misbehaviour = misbehaviour
            server.route(path(name, document), hostile)
        }
    }

    /// Answers `documents` of `name` with `302 Found` to the same path under `base` (another
    /// server's base URL, e.g. one on 127.0.0.2 or another port).
    public func redirect(_ name: String, to base: String, documents: Set<Document> = Set(Document.allCases)) {
        for document in documents {
            let target = base + path(name, document)
            server.route(path(name, document), LoopbackResponse(status: 302, headers: [("Location", target)]))
        }
    }

    /// Serves `name` with `HostileIndexText` in its yank reason, summary, project URLs and a
    /// vulnerability's summary and link: the release is yanked and vulnerable, so every
    /// formatter has hostile text to show.
    public func addEscapeLadenProject(_ name: String, version: String = "1.0") {
        addProject(name, version: version, yankedReason: HostileIndexText.combined, summary: HostileIndexText.combined,
                   projectURLs: HostileIndexText.projectURLs,
                   vulnerabilities: [["id": "GHSA-host-ile0-text", "aliases": ["CVE-2099-0001"], "fixed_in": ["99.0"],
                                      "summary": HostileIndexText.combined, "details": HostileIndexText.combined,
                                      "link": HostileIndexText.javascriptURL]])
    }

    /// The path of a document of `name` (the version as added).
    public func path(_ name: String, _ document: Document) -> String {
        switch document {
        case .project: "/pypi/\(name)/json"
        case .version: "/pypi/\(name)/\(lock.withLock { versions[name] ?? "0" })/json"
        }
    }

    static func json(_ value: Any) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data("{}".utf8),
               as: UTF8.self)
    }
}
