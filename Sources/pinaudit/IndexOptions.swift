import ArgumentParser
import Foundation
import PackageIndexClient

/// Where the index is and how the cache is used.
struct IndexOptions: ParsableArguments {
    @Option(name: [.short, .customLong("index-url")], help: ArgumentHelp("The index to ask: a JSON API base ending in /pypi, or a Simple API URL (default: PIP_INDEX_URL, pip.conf, the file's --index-url, else PyPI).", valueName: "url"))
    var indexURL: String?

    @Option(name: .customLong("extra-index-url"), help: ArgumentHelp("Another index to ask (repeatable); packages found on several indexes are reported.", valueName: "url"))
    var extraIndexURLs: [String] = []

    @Option(help: ArgumentHelp("The cache folder (default: PINAUDIT_CACHE_DIR, else $XDG_CACHE_HOME/pinaudit).", valueName: "dir"))
    var cacheDir: String?

    @Option(help: ArgumentHelp("Use cached answers younger than this without asking the index: seconds, or 30m, 2h, 1d (default 15m).", valueName: "age"))
    var maxAge: String = "15m"

    @Flag(help: "Revalidate every cached answer with the index.")
    var refresh = false

    @Flag(help: "Use the cache alone; name every package it lacks.")
    var offline = false

    @Option(help: ArgumentHelp("Documents in flight at once (default 16); as many small requests may run beside them.", valueName: "n"))
    var maxConcurrent: Int = 16

    @OptionGroup(title: "Index limits") var limits: IndexLimitOptions

    func validate() throws {
        if Self.seconds(maxAge) == nil { throw ValidationError("--max-age takes seconds or a duration like 30m, 2h, 1d, not '\(maxAge)'.") }
        if maxConcurrent < 1 || maxConcurrent > 256 { throw ValidationError("--max-concurrent takes a number from 1 to 256.") }
        if refresh && offline { throw ValidationError("--refresh and --offline contradict each other: choose one.") }
    }

    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        if let last = text.last, let unit = units[last] { return Double(text.dropLast()).map { $0 * unit } }
        return Double(text)
    }
}
