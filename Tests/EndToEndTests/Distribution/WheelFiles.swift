import Foundation

/// A wheel unpacked into a folder (with Python's zipfile module), and the checks its RECORD allows.
struct WheelFiles {
    let wheel: URL
    let folder: URL

    /// Unpacks `wheel` into a fresh folder.
    init(unpacking wheel: URL) throws {
        self.wheel = wheel
        folder = try ReleaseBuild.scratchFolder("unpacked-wheel")
        try ExternalCommand.expectSuccess("python3", ["-m", "zipfile", "-e", wheel.path, folder.path], in: folder)
    }

    /// Every file in the archive, relative to its root, sorted.
    var paths: [String] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var found: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                found.append(String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
            }
        }
        return found.sorted()
    }

    func text(_ path: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    func data(_ path: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(path))
    }

    /// The `Key: value` lines of METADATA or WHEEL (the header, before the first blank line).
    func headers(_ path: String) throws -> [String: [String]] {
        var headers: [String: [String]] = [:]
        for line in try text(path).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            headers[String(parts[0]), default: []].append(parts[1].trimmingCharacters(in: .whitespaces))
        }
        return headers
    }

    /// Problems with RECORD: a file it does not list, a listed file that is missing, or a digest or
    /// size that does not match (digests from `sha256sum`, written as RECORD writes them).
    func recordProblems(recordPath: String) throws -> [String] {
        var problems: [String] = []
        var listed: Set<String> = []
        for line in try text(recordPath).split(separator: "\n") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { problems.append("malformed RECORD line: \(line)"); continue }
            listed.insert(fields[0])
            if fields[0] == recordPath {
                if fields[1] != "" || fields[2] != "" { problems.append("RECORD lists a digest for itself") }
                continue
            }
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(fields[0]).path) else {
                problems.append("RECORD lists \(fields[0]), which the wheel lacks"); continue
            }
            let bytes = try data(fields[0])
            if fields[2] != String(bytes.count) { problems.append("\(fields[0]): RECORD says \(fields[2]) bytes, the file has \(bytes.count)") }
            let expected = "sha256=" + (try Self.urlSafeBase64SHA256(of: folder.appendingPathComponent(fields[0]), in: folder))
            if fields[1] != expected { problems.append("\(fields[0]): RECORD says \(fields[1]), the file is \(expected)") }
        }
        for path in paths where !listed.contains(path) { problems.append("RECORD does not list \(path)") }
        return problems
    }

    /// The SHA-256 of a file as a wheel's RECORD spells it: URL-safe base64 without padding.
    static func urlSafeBase64SHA256(of file: URL, in folder: URL) throws -> String {
        let hex = try ExternalCommand.expectSuccess("sha256sum", [file.path], in: folder).stdout.prefix(64)
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
