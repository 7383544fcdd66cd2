import Foundation
import TestSupport

/// A fake index on loopback whose text is hostile (`HostileText`), and a requirements file that
/// is hostile too: what a pull request from a stranger, audited against a compromised mirror,
/// would give pinaudit.
///
/// - `evil` 1.0 is yanked, its reason every hostile string; 1.1 is not.
/// - `vulny` 1.0 has an advisory whose id, alias and summary are hostile and whose link is
///   `javascript:`; 1.1 fixes it.
/// - Both projects' display names carry escapes, and their project URLs are `javascript:` and
///   `data:` links.
/// - The requirements file includes a missing file with escapes in its name and has a line
///   that cannot be read, with a title-setting escape in it.
struct HostileTextScenario {
    let server: FakeIndexServer

    static let requirements = """
        evil==1.0
        vulny==1.0
        -r missing\(HostileText.csi)\(HostileText.bidi).txt
        bad\(HostileText.oscTitle)pkg ==1.0 ; @@@ \(HostileText.workflowCommands.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "))

        """

    init() throws {
        server = try FakeIndexServer()
        let hostile = HostileText.all
        let advisory: [String: Any] = [
            "id": "GHSA-\(HostileText.osc8)", "aliases": [HostileText.workflowCommands], "fixed_in": ["1.1"],
            "summary": hostile, "link": HostileText.javascriptURL,
        ]
        add("evil", display: "Evil\(HostileText.oscTitle)", releases: [("1.0", hostile, []), ("1.1", nil, [])])
        add("vulny", display: "Vulny\(HostileText.bidi)", releases: [("1.0", nil, [advisory]), ("1.1", nil, [])])
    }

    var environment: [String: String] { ["PINAUDIT_INDEX_URL": server.jsonAPIURL] }

    private func add(_ name: String, display: String, releases: [(version: String, yanked: String?, vulnerabilities: [[String: Any]])]) {
        var releaseMap: [String: Any] = [:]
        for release in releases {
            let filename = "\(name)-\(release.version)-py3-none-any.whl"
            let files: [[String: Any]] = [[
                "filename": filename, "packagetype": "bdist_wheel", "url": "\(server.server.baseURL)/files/\(filename)",
                "yanked": release.yanked != nil, "yanked_reason": release.yanked as Any,
                "upload_time_iso_8601": "2023-01-10T00:00:00Z", "requires_python": ">=3.8",
                "digests": ["sha256": String(repeating: "ab", count: 32)],
            ]]
            releaseMap[release.version] = files
            let document: [String: Any] = [
                "info": ["name": display, "version": release.version, "requires_dist": [String](), "requires_python": ">=3.8",
                         "project_urls": urls, "project_url": HostileText.javascriptURL],
                "vulnerabilities": release.vulnerabilities, "urls": files,
            ]
            server.addVersion(name, release.version, document: Self.json(document))
        }
        let project: [String: Any] = [
            "info": ["name": display, "version": releases.last!.version, "project_urls": urls, "project_url": HostileText.javascriptURL],
            "releases": releaseMap, "vulnerabilities": [Any](),
        ]
        server.addProject(name, document: Self.json(project))
    }

    private var urls: [String: String] {
        ["Changelog": HostileText.javascriptURL, "Release notes": HostileText.dataURL, "Homepage": HostileText.javascriptURL]
    }

    static func json(_ value: Any) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
    }
}
