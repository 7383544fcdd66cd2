import Foundation
@testable import PackageIndexClient
import Testing

@Suite("Index resolution from flags, environment and pip configuration")
struct IndexConfigurationTests {
    /// An environment whose HOME and XDG folders are empty temporary folders.
    func isolatedEnvironment(_ extra: [String: String] = [:]) -> ([String: String], URL) {
        let home = TestEnvironment.temporaryFolder()
        var environment = ["HOME": home.path]
        environment.merge(extra) { $1 }
        return (environment, home)
    }

    func write(_ text: String, to file: URL) throws {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func defaultIsThePublicJSONAPI() {
        let (environment, _) = isolatedEnvironment()
        let configuration = IndexConfiguration.resolve(environment: environment, systemConfigPaths: [])
        #expect(configuration.endpoints == [IndexEndpoint(url: IndexConfiguration.defaultIndexURL, api: .json, origin: "default")])
    }

    @Test func thePublicSimpleIndexBecomesItsJSONAPI() throws {
        var simple = try #require(URLComponents(string: IndexConfiguration.defaultIndexURL))
        simple.path = "/simple/"
        let endpoint = IndexEndpoint.detect(try #require(simple.string), origin: "PIP_INDEX_URL")
        #expect(endpoint.api == .json)
        #expect(endpoint.url == IndexConfiguration.defaultIndexURL)
    }

    @Test(arguments: [
        ("http://127.0.0.1:9/pypi", IndexEndpoint.API.json),
        ("http://127.0.0.1:9/pypi/", .json),
        ("http://127.0.0.1:9/simple", .simple),
        ("https://u:p@private.invalid/simple/", .simple),
        ("https://private.invalid/repository/pypi-proxy/", .simple),
    ])
    func theAPIFollowsTheURL(url: String, api: IndexEndpoint.API) {
        #expect(IndexEndpoint.detect(url, origin: "test").api == api)
    }

    @Test func flagBeatsEverything() {
        let (environment, _) = isolatedEnvironment(["PIP_INDEX_URL": "https://env.invalid/simple",
                                                    "PINAUDIT_INDEX_URL": "http://127.0.0.1:1/pypi"])
        let configuration = IndexConfiguration.resolve(indexURL: "https://flag.invalid/simple", requirementsIndexURL:
            "https://req.invalid/simple", environment: environment, systemConfigPaths: [])
        #expect(configuration.primary == IndexEndpoint(url: "https://flag.invalid/simple", api: .simple, origin: "--index-url"))
    }

    @Test func pinauditIndexURLIsAJSONAPIBaseAndHidesPipSettings() {
        let (environment, _) = isolatedEnvironment(["PINAUDIT_INDEX_URL": "http://127.0.0.1:1234/pypi",
                                                    "PIP_INDEX_URL": "https://env.invalid/simple",
                                                    "PIP_EXTRA_INDEX_URL": "https://extra.invalid/simple"])
        let configuration = IndexConfiguration.resolve(environment: environment, systemConfigPaths: [])
        #expect(configuration.endpoints == [IndexEndpoint(url: "http://127.0.0.1:1234/pypi", api: .json,
                                                          origin: "PINAUDIT_INDEX_URL")])
    }

    @Test func requirementsFileBeatsPipEnvironment() {
        let (environment, _) = isolatedEnvironment(["PIP_INDEX_URL": "https://env.invalid/simple"])
        let configuration = IndexConfiguration.resolve(requirementsIndexURL: "https://req.invalid/simple",
                                                       environment: environment, systemConfigPaths: [])
        #expect(configuration.primary.url == "https://req.invalid/simple")
        #expect(configuration.primary.origin == "a requirements file")
    }

    @Test func pipEnvironmentGivesIndexAndExtras() {
        let (environment, _) = isolatedEnvironment(["PIP_INDEX_URL": "https://env.invalid/simple",
                                                    "PIP_EXTRA_INDEX_URL": "https://a.invalid/simple https://b.invalid/simple"])
        let configuration = IndexConfiguration.resolve(environment: environment, systemConfigPaths: [])
        #expect(configuration.endpoints.map(\.url)
            == ["https://env.invalid/simple", "https://a.invalid/simple", "https://b.invalid/simple"])
        #expect(configuration.extras.allSatisfy { $0.origin == "PIP_EXTRA_INDEX_URL" })
    }

    @Test func configFilesLayerSystemThenUserThenPipConfigFile() throws {
        let (base, home) = isolatedEnvironment()
        let system = home.appendingPathComponent("etc/pip.conf")
        try write("[global]\nindex-url = https://system.invalid/simple\nextra-index-url = https://sys-extra.invalid/simple\n",
                  to: system)
        let user = home.appendingPathComponent(".config/pip/pip.conf")
        try write("""
            # user settings
            [global]
            index_url = https://user.invalid/simple
            [install]
            extra-index-url =
                https://one.invalid/simple
                https://two.invalid/simple
            """, to: user)
        var configuration = IndexConfiguration.resolve(environment: base, systemConfigPaths: [system.path])
        #expect(configuration.primary == IndexEndpoint(url: "https://user.invalid/simple", api: .simple, origin: user.path))
        #expect(configuration.extras.map(\.url) == ["https://one.invalid/simple", "https://two.invalid/simple"])

        let explicit = home.appendingPathComponent("custom.conf")
        try write("[global]\nindex-url: https://custom.invalid/simple\n", to: explicit)
        var environment = base
        environment["PIP_CONFIG_FILE"] = explicit.path
        configuration = IndexConfiguration.resolve(environment: environment, systemConfigPaths: [system.path])
        #expect(configuration.primary.url == "https://custom.invalid/simple")

        environment["PIP_CONFIG_FILE"] = "/dev/null"
        configuration = IndexConfiguration.resolve(environment: environment, systemConfigPaths: [system.path])
        #expect(configuration.primary.url == IndexConfiguration.defaultIndexURL)
    }

    @Test func xdgConfigHomeReplacesTheDotConfigFolder() throws {
        let (base, home) = isolatedEnvironment()
        let xdg = home.appendingPathComponent("xdg")
        try write("[global]\nindex-url = https://xdg.invalid/simple\n", to: xdg.appendingPathComponent("pip/pip.conf"))
        try write("[global]\nindex-url = https://legacy.invalid/simple\n", to: home.appendingPathComponent(".pip/pip.conf"))
        var environment = base
        environment["XDG_CONFIG_HOME"] = xdg.path
        #expect(IndexConfiguration.resolve(environment: environment, systemConfigPaths: []).primary.url
            == "https://xdg.invalid/simple")
        environment["XDG_CONFIG_HOME"] = home.appendingPathComponent("empty").path
        #expect(IndexConfiguration.resolve(environment: environment, systemConfigPaths: []).primary.url
            == "https://legacy.invalid/simple")
    }

    @Test func explicitExtrasReplacePipExtrasAndDuplicatesAreDropped() {
        let (environment, _) = isolatedEnvironment(["PIP_EXTRA_INDEX_URL": "https://env-extra.invalid/simple"])
        let configuration = IndexConfiguration.resolve(
            indexURL: "https://main.invalid/simple",
            extraIndexURLs: ["https://flag-extra.invalid/simple", "https://main.invalid/simple"],
            requirementsExtraIndexURLs: ["https://req-extra.invalid/simple"], environment: environment, systemConfigPaths: [])
        #expect(configuration.endpoints.map(\.url)
            == ["https://main.invalid/simple", "https://flag-extra.invalid/simple", "https://req-extra.invalid/simple"])
    }

    @Test func descriptionsHideCredentials() {
        let endpoint = IndexEndpoint.detect("https://u:secret@private.invalid/simple/", origin: "PIP_INDEX_URL")
        #expect(endpoint.description == "https://***@private.invalid/simple/ (Simple API, from PIP_INDEX_URL)")
    }
}

@Suite("Client options from the command line")
struct IndexClientOptionsTests {
    @Test func resolvesIndexesAndTheCacheFolderTogether() {
        let environment = ["HOME": "/home/someone", "PINAUDIT_INDEX_URL": "http://127.0.0.1:9/pypi",
                           "PINAUDIT_CACHE_DIR": "/tmp/pinaudit-cache"]
        let options = IndexClientOptions.resolve(refresh: true, environment: environment)
        #expect(options.configuration.primary.url == "http://127.0.0.1:9/pypi")
        #expect(options.cacheDirectory?.path == "/tmp/pinaudit-cache")
        #expect(options.refresh)
        #expect(!options.offline)
        #expect(IndexClientOptions.resolve(noCache: true, environment: environment).cacheDirectory == nil)
    }
}
