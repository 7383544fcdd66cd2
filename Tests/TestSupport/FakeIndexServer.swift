import Foundation

/// A fake package index on loopback: a folder of fixture documents served by URL path.
///
/// A file at `<folder>/<relative path>` answers `GET /<relative path>`; a file named
/// `index.json` answers the folder's URL with a trailing slash. So the JSON API lives under
/// `pypi/` (`pypi/<name>/json`, `pypi/<name>/<version>/json`) and the Simple API under `simple/`
/// (`simple/<name>/index.json`). `{{BASE}}` inside a document is replaced with the server's
/// base URL, so file links point back to it. Each document gets a stable ETag, so conditional
/// requests get 304. Documents can also be added in code.
public final class FakeIndexServer: @unchecked Sendable {
    public let server: LoopbackHTTPServer

    /// Starts an empty index, then serves `folder` when given.
    public init(folder: URL? = nil) throws {
        server = try LoopbackHTTPServer()
        if let folder { try serve(folder: folder) }
    }

    /// `http://127.0.0.1:<port>/pypi`, the JSON API base (`PINAUDIT_INDEX_URL`).
    public var jsonAPIURL: String { server.baseURL + "/pypi" }
    /// `http://127.0.0.1:<port>/simple/`, the Simple API base (pip's `--index-url`).
    public var simpleAPIURL: String { server.baseURL + "/simple/" }

    /// Serves every file under `folder` at its relative path.
    public func serve(folder: URL) throws {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw LoopbackServerError(message: "cannot read the fixture folder \(root.path)")
        }
        for case let file as URL in walker {
            let resolved = file.standardizedFileURL.resolvingSymlinksInPath()
            guard (try? resolved.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var relative = String(resolved.path.dropFirst(root.path.count))
            if relative.hasSuffix("/index.json") { relative = String(relative.dropLast("index.json".count)) }
            let text = try String(contentsOf: resolved, encoding: .utf8)
            add(path: relative, document: text)
        }
    }

    /// Serves `document` at `path`, with `{{BASE}}` replaced and a content type from the path.
    public func add(path: String, document: String) {
        let body = document.replacingOccurrences(of: "{{BASE}}", with: server.baseURL)
        let contentType: String
        if path.hasSuffix(".metadata") {
            contentType = "text/plain"
        } else if path.hasPrefix("/simple/") {
            contentType = "application/vnd.pypi.simple.v1+json"
        } else {
            contentType = "application/json"
        }
        server.route(path, LoopbackResponse.json(body, etag: Self.etag(body), contentType: contentType))
    }

    /// Serves a binary file (a wheel) at `path`; `servesRanges: false` makes the server ignore
    /// `Range` and always send the whole file.
    public func addFile(path: String, data: Data, servesRanges: Bool = true) {
        server.route(path, LoopbackResponse.file(data, servesRanges: servesRanges))
    }

    /// Adds a JSON API project document: `/pypi/<name>/json`.
    public func addProject(_ name: String, document: String) { add(path: "/pypi/\(name)/json", document: document) }

    /// Adds a JSON API version document: `/pypi/<name>/<version>/json`.
    public func addVersion(_ name: String, _ version: String, document: String) {
        add(path: "/pypi/\(name)/\(version)/json", document: document)
    }

    /// Adds a Simple API page: `/simple/<name>/`.
    public func addSimplePage(_ name: String, document: String) { add(path: "/simple/\(name)/", document: document) }

    static func etag(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return "\"\(String(hash, radix: 16))\""
    }
}
