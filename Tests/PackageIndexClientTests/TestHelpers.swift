import Foundation
@testable import PackageIndexClient
import PinAuditCore
import TestSupport

/// Shared set-up for the index client tests: fixture servers, fast retry policies, temp folders.
enum TestEnvironment {
    /// The fixture index folder copied into the test bundle.
    static var fixtureIndexFolder: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("index")
    }

    /// A fake index serving the fixture folder.
    static func fixtureServer() throws -> FakeIndexServer {
        try FakeIndexServer(folder: fixtureIndexFolder)
    }

    /// Retries without real waiting, so fault tests stay fast.
    static let fastRetries = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.04, maxRetryAfter: 2)

    /// A client of one index URL with test-sized timeouts.
    static func client(_ url: String, cache: URL? = nil, maxAge: Double = 900, refresh: Bool = false, offline: Bool = false,
                       retries: RetryPolicy = fastRetries, requestTimeout: Double = 5, maxConcurrent: Int = 16,
                       extraIndexes: [String] = []) -> IndexClient {
        let configuration = IndexConfiguration(primary: .detect(url, origin: "test"),
                                               extras: extraIndexes.map { .detect($0, origin: "test") })
        return IndexClient(options: IndexClientOptions(
            configuration: configuration, cacheDirectory: cache, maxAge: maxAge, refresh: refresh, offline: offline,
            maxConcurrentRequests: maxConcurrent, connectTimeout: 2, requestTimeout: requestTimeout,
            retryPolicy: retries, useNetrc: false))
    }

    /// A fresh, empty folder under the temporary directory.
    static func temporaryFolder() -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("pinaudit-index-tests-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A tiny JSON API project document with one release and one wheel.
    static func smallProject(_ name: String, version: String = "1.0.0") -> String {
        ProjectDocumentBuilder.project(name: name, releases: 1).replacingOccurrences(of: "1.0.0", with: version)
    }
}

extension Result {
    /// The success value, or nil.
    var value: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
    /// The failure, or nil.
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

extension IndexFailure {
    /// The reason of `.unavailable` / `.metadataUnavailable`, else nil.
    var reason: String? {
        switch self {
        case .unavailable(let reason), .metadataUnavailable(let reason): reason
        default: nil
        }
    }
}
