import Foundation
@testable import PackageIndexClient
import Testing
import TestSupport

/// The public index's host names are written in one constant of the index client and nowhere else
/// in the repository: not in docs, tests, fixtures or the committed cache snapshot.
@Suite("Index host names in the repository")
struct IndexHostNamesTests {
    /// The registrable domains of the index and of its file host (`files.example.org` → `example.org`).
    static var domains: [String] {
        [IndexConfiguration.publicIndexHosts.jsonAPI, IndexConfiguration.publicIndexHosts.files].compactMap { url in
            guard let host = URLComponents(string: url)?.host?.lowercased() else { return nil }
            let labels = host.split(separator: ".")
            return labels.suffix(2).joined(separator: ".")
        }
    }

    static let repository = TestFolders.packageRoot(of: #filePath)

    @Test func onlyTheConstantNamesTheIndexHosts() throws {
        let listing = Process()
        listing.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        listing.arguments = ["git", "-C", Self.repository.path, "ls-files", "-z"]
        let output = Pipe()
        listing.standardOutput = output
        listing.standardError = FileHandle.nullDevice
        guard (try? listing.run()) != nil else { return }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        listing.waitUntilExit()
        // Not a git checkout (a source archive): there is no list of tracked files to check.
        guard listing.terminationStatus == 0 else { return }
        let files = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        #expect(files.count > 50)
        let domains = Self.domains
        #expect(domains.count == 2 && domains.allSatisfy { $0.contains(".") })
        let naming = files.filter { file in
            guard let bytes = try? Data(contentsOf: Self.repository.appendingPathComponent(file)) else { return false }
            let text = String(decoding: bytes, as: UTF8.self).lowercased()
            return domains.contains { text.contains($0) }
        }
        #expect(naming == ["Sources/PackageIndexClient/Configuration/IndexConfiguration.swift"])
    }
}
