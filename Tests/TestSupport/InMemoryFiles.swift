import Foundation
import PinAuditCore

/// A `SourceFileReader` over a dictionary of path → content, for parser tests.
public struct InMemoryFiles: SourceFileReader {
    public var files: [String: [UInt8]]
    public var directories: Set<String>

    public init(_ files: [String: String], directories: Set<String> = []) {
        self.files = files.mapValues { Array($0.utf8) }
        self.directories = directories
    }

    public init(bytes: [String: [UInt8]], directories: Set<String> = []) {
        self.files = bytes
        self.directories = directories
    }

    public struct Missing: Error, CustomStringConvertible { public var description: String { "no such file" } }

    public func read(_ path: String) throws -> [UInt8] {
        guard let bytes = files[SourcePath.normalize(path)] else { throw Missing() }
        return bytes
    }

    public func exists(_ path: String) -> Bool {
        let p = SourcePath.normalize(path)
        return files[p] != nil || directories.contains(p)
    }

    public func isDirectory(_ path: String) -> Bool { directories.contains(SourcePath.normalize(path)) }
}

/// `../shared` beside the package checkout (the corpus, oracles and schemas), found from this file's path.
public enum SharedFolder {
    public static var path: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/TestSupport/InMemoryFiles.swift → package root
        return url.deletingLastPathComponent().appendingPathComponent("shared").standardizedFileURL.path
    }

    /// A path inside `../shared`.
    public static func file(_ relative: String) -> String { path + "/" + relative }
}
