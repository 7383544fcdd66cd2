import Foundation

/// Which indexes to ask, resolved the way pip users expect.
///
/// The primary index, first match wins:
/// 1. pinaudit's `--index-url` flag;
/// 2. `PINAUDIT_INDEX_URL` (a JSON API base unless its path ends in `/simple`); when set, pip's
///    environment variables and configuration files are not read;
/// 3. `--index-url`/`-i` inside a requirements file;
/// 4. `PIP_INDEX_URL`;
/// 5. `index-url` in pip configuration files (`PIP_CONFIG_FILE`, then the user's, then the system's);
/// 6. PyPI, through its JSON API.
///
/// Extra indexes are the flag's and the requirements files', or else `PIP_EXTRA_INDEX_URL`, or
/// else the configuration files'. A private index configured alone is the only one asked.
public struct IndexConfiguration: Sendable, Hashable {
    /// The public index: its JSON API base and the host its files are served from. The only place
    /// in the repository where its host names are written.
    static let publicIndexHosts = (jsonAPI: "https://pypi.org/pypi", files: "https://files.pythonhosted.org/")

    /// The public index's JSON API base.
    public static var defaultIndexURL: String { publicIndexHosts.jsonAPI }

    /// The origin the public index's files are served from (`scheme://host/`).
    static var publicFileHost: String { publicIndexHosts.files }

    public var primary: IndexEndpoint
    public var extras: [IndexEndpoint]

    public init(primary: IndexEndpoint, extras: [IndexEndpoint] = []) {
        self.primary = primary
        self.extras = extras
    }

    /// Every index, primary first, without duplicates.
    public var endpoints: [IndexEndpoint] {
        var seen = Set<String>()
        return ([primary] + extras).filter { seen.insert(URLRedaction.strippingCredentials($0.url)).inserted }
    }

    /// PyPI's JSON API, the default.
    public static var publicIndex: IndexConfiguration {
        IndexConfiguration(primary: IndexEndpoint(url: defaultIndexURL, api: .json, origin: "default"))
    }

    /// Resolves the indexes from flags, requirements files, the environment and pip's files.
    /// - Parameters:
    ///   - indexURL: pinaudit's `--index-url` flag.
    ///   - extraIndexURLs: pinaudit's `--extra-index-url` flags.
    ///   - requirementsIndexURL: an `--index-url` option found in a requirements file.
    ///   - requirementsExtraIndexURLs: `--extra-index-url` options found in requirements files.
    ///   - environment: the process environment (tests pass their own).
    ///   - systemConfigPaths: system-wide pip files, lowest precedence first.
    public static func resolve(indexURL: String? = nil, extraIndexURLs: [String] = [],
                               requirementsIndexURL: String? = nil, requirementsExtraIndexURLs: [String] = [],
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               systemConfigPaths: [String] = ["/etc/xdg/pip/pip.conf", "/etc/pip.conf"])
        -> IndexConfiguration {
        let explicitExtras = (extraIndexURLs.map { ($0, "--extra-index-url") }
            + requirementsExtraIndexURLs.map { ($0, "a requirements file") })
        func value(_ key: String) -> String? {
            guard let text = environment[key]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        let pinauditIndex = value("PINAUDIT_INDEX_URL")
        var pipFile = PipConfigFile(text: "")
        var pipFileIndexOrigin = ""
        var pipFileExtrasOrigin = ""
        if pinauditIndex == nil {
            for path in PipConfigFile.searchPaths(environment: environment, systemPaths: systemConfigPaths) {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
                let file = PipConfigFile(text: text)
                if let index = file.indexURL { pipFile.indexURL = index; pipFileIndexOrigin = path }
                if !file.extraIndexURLs.isEmpty { pipFile.extraIndexURLs = file.extraIndexURLs; pipFileExtrasOrigin = path }
            }
        }

        let primary: IndexEndpoint
        if let indexURL, !indexURL.isEmpty {
            primary = .detect(indexURL, origin: "--index-url")
        } else if let pinauditIndex {
            primary = jsonUnlessSimple(pinauditIndex, origin: "PINAUDIT_INDEX_URL")
        } else if let requirementsIndexURL, !requirementsIndexURL.isEmpty {
            primary = .detect(requirementsIndexURL, origin: "a requirements file")
        } else if let pipIndex = value("PIP_INDEX_URL") {
            primary = .detect(pipIndex, origin: "PIP_INDEX_URL")
        } else if let fileIndex = pipFile.indexURL {
            primary = .detect(fileIndex, origin: pipFileIndexOrigin)
        } else {
            primary = publicIndex.primary
        }

        let extras: [(String, String)]
        if !explicitExtras.isEmpty {
            extras = explicitExtras
        } else if pinauditIndex == nil, let pipExtras = value("PIP_EXTRA_INDEX_URL") {
            extras = PipConfigFile.urlList(pipExtras).map { ($0, "PIP_EXTRA_INDEX_URL") }
        } else {
            extras = pipFile.extraIndexURLs.map { ($0, pipFileExtrasOrigin) }
        }
        return IndexConfiguration(primary: primary, extras: extras.map { IndexEndpoint.detect($0.0, origin: $0.1) })
    }

    private static func jsonUnlessSimple(_ url: String, origin: String) -> IndexEndpoint {
        let path = URLComponents(string: url)?.path ?? ""
        if path.hasSuffix("/simple") || path.hasSuffix("/simple/") { return .detect(url, origin: origin) }
        return IndexEndpoint(url: url, api: .json, origin: origin)
    }
}
