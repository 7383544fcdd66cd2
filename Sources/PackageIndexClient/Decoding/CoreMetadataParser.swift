import Foundation
import PinAuditCore

/// Reads a core metadata file (`METADATA`, PEP 658 `<file>.metadata`): RFC 822 style headers,
/// with continuation lines that begin with whitespace, up to the first empty line, as Python's
/// `email` parser (which pip and `packaging` use) reads them. A line of only spaces continues the
/// header before it (long `License` texts have them), and a line that is neither a header nor a
/// continuation starts the body.
public enum CoreMetadataParser {
    /// All headers in order, names as written; continuation lines are joined to their header.
    public static func headers(_ text: String) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        // Line by line up to the first empty one: the body (often a long README) is never split.
        let utf8 = text.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            var line = text[start..<end]
            start = end < utf8.endIndex ? utf8.index(after: end) : end
            if line.utf8.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty { break }
            if let first = line.first, first == " " || first == "\t" {
                guard !headers.isEmpty else { continue }
                let continuation = line.trimmingCharacters(in: .whitespaces)
                let previous = headers[headers.count - 1].value
                headers[headers.count - 1].value = previous.isEmpty ? continuation : previous + " " + continuation
                continue
            }
            guard let colon = line.firstIndex(of: ":"),
                  line[..<colon].unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else { break }
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        return headers
    }

    /// The dependency metadata of a core metadata file; `fallbackName`/`fallbackVersion` fill
    /// `Name`/`Version` when the file lacks them.
    public static func metadata(_ text: String, fallbackName: String, fallbackVersion: String) -> VersionMetadata {
        var name: String?
        var version: String?
        var requiresDist: [String] = []
        var requiresPython: String?
        var providesExtra: [String] = []
        var projectURLs: [String: String] = [:]
        var homePage: String?
        for (header, value) in headers(text) {
            switch header.lowercased() {
            case "name": name = name ?? value
            case "version": version = version ?? value
            case "requires-dist": requiresDist.append(value)
            case "requires-python": requiresPython = value.isEmpty ? nil : value
            case "provides-extra": providesExtra.append(value)
            case "home-page": if homePage == nil, !value.isEmpty { homePage = value }
            case "project-url":
                // `Label, URL` (core metadata 1.2); the first of a label counts.
                if let comma = value.firstIndex(of: ",") {
                    let label = value[..<comma].trimmingCharacters(in: .whitespaces)
                    let url = value[value.index(after: comma)...].trimmingCharacters(in: .whitespaces)
                    if !label.isEmpty, !url.isEmpty, projectURLs[label] == nil { projectURLs[label] = url }
                }
            default: break
            }
        }
        return VersionMetadata(name: name ?? fallbackName, version: version ?? fallbackVersion,
                               requiresDist: requiresDist, requiresPython: requiresPython,
                               providesExtra: providesExtra, vulnerabilities: nil,
                               projectURLs: ProjectLinks.merged(projectURLs, homePage: homePage))
    }
}
