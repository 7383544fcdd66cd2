import Foundation
import TestSupport

/// A small fake index on loopback: JSON API project and version documents for a handful of packages.
struct IndexScenario {
    struct Release {
        var version: String
        var requires: [String] = []
        var yanked: String? = nil
        var uploaded = "2024-01-10T00:00:00Z"
        var vulnerabilities: [[String: Any]] = []
        /// Files of the release: a pure-Python wheel, then platform wheels with digests of their own.
        var wheels = 1
        /// 64 hex digits, one digest per version.
        var sha256: String {
            let distinct = String(repeating: String(version.filter(\.isNumber).prefix(1)), count: 2) + "ab" + version.replacingOccurrences(of: ".", with: "")
            return distinct + String(repeating: "0", count: 64 - distinct.count)
        }

        /// The digest of the `index`-th file (0 is `sha256`).
        func digest(_ index: Int) -> String { index == 0 ? sha256 : String(sha256.dropLast()) + String(index) }

    }

    let server: FakeIndexServer

    /// `statuses`: PEP 792 project status by project (`archived`, `quarantined`, ...).
    init(_ projects: [String: [Release]], statuses: [String: String] = [:]) throws {
        server = try FakeIndexServer()
        for (name, releases) in projects {
            var releaseMap: [String: Any] = [:]
            for r in releases {
                releaseMap[r.version] = (0..<r.wheels).map { index -> [String: Any] in
                    let filename = index == 0 ? "\(name)-\(r.version)-py3-none-any.whl" : "\(name)-\(r.version)-cp31\(index)-cp31\(index)-manylinux_2_17_x86_64.whl"
                    return [
                        "filename": filename, "packagetype": "bdist_wheel",
                        "url": "\(server.server.baseURL)/files/\(filename)",
                        "yanked": r.yanked != nil, "yanked_reason": r.yanked as Any,
                        "upload_time_iso_8601": r.uploaded, "requires_python": ">=3.8",
                        "digests": ["sha256": r.digest(index)],
                    ]
                }
                let version: [String: Any] = [
                    "info": ["name": name, "version": r.version, "requires_dist": r.requires, "requires_python": ">=3.8"],
                    "vulnerabilities": r.vulnerabilities,
                    "urls": releaseMap[r.version]!,
                ]
                server.addVersion(name, r.version, document: Self.json(version))
            }
            let latest = releases.last!.version
            var info: [String: Any] = ["name": name, "version": latest, "project_urls": ["Changelog": "https://docs.example/\(name)/changes"]]
            if let status = statuses[name] { info["project_status"] = ["status": status, "reason": "see the project page"] }
            let project: [String: Any] = [
                "info": info,
                "releases": releaseMap, "vulnerabilities": [],
            ]
            server.addProject(name, document: Self.json(project))
        }
    }

    static func json(_ value: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }

    var environment: [String: String] { ["PINAUDIT_INDEX_URL": server.jsonAPIURL] }

    /// flask needs werkzeug and click; werkzeug 2.0.1 is yanked; click 8.0.0 has a vulnerability fixed in 8.0.1.
    static func web() throws -> IndexScenario {
        try IndexScenario([
            "flask": [Release(version: "2.0.1", requires: ["werkzeug>=2.0", "click>=7.1"]),
                      Release(version: "2.0.3", requires: ["werkzeug>=2.0", "click>=7.1"]),
                      Release(version: "3.0.0", requires: ["werkzeug>=3.0", "click>=8.0"])],
            "werkzeug": [Release(version: "2.0.1", yanked: "broken cookie parsing"), Release(version: "2.0.2"), Release(version: "3.0.0")],
            "click": [Release(version: "8.0.0", vulnerabilities: [["id": "GHSA-xxxx-yyyy", "aliases": ["CVE-2099-1"], "fixed_in": ["8.0.1"], "summary": "shell injection", "link": "https://osv.example/GHSA-xxxx-yyyy"]]),
                      Release(version: "8.0.1")],
        ])
    }
}
