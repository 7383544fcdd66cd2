import Foundation
@testable import PackageIndexClient
@testable import PinAuditCore

/// The readers of untrusted text that the harness drives, one per input format.
enum FuzzTarget: String, CaseIterable {
    case requirements, dockerfile, config
    case uvLock = "uv-lock", poetryLock = "poetry-lock", pdmLock = "pdm-lock", pylock, pipfileLock = "pipfile-lock"
    case projectDocument = "project-document", simpleDocument = "simple-document"

    /// The target named by `PINAUDIT_FUZZ_TARGET`; the process ends with a message for any other name.
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["PINAUDIT_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("PINAUDIT_FUZZ_TARGET must be one of: \(allCases.map(\.rawValue).joined(separator: ", ")) (got \"\(name)\").\n".utf8))
            exit(2)
        }
        return target
    }()

    /// Reads one input as the pinaudit binary would; the results are checked for what must always hold.
    func run(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .requirements:
            let reader = FuzzFiles(files: ["requirements.txt": bytes])
            if let reading = try? RequirementsFileParser(reader: reader).parse(path: "requirements.txt") {
                precondition(reading.findings.allSatisfy { $0.location.map { $0.line >= 1 } ?? true }, "a finding without a line")
            }
        case .dockerfile:
            let reading = DockerfileParser.parse(path: "Dockerfile", text: text)
            precondition(reading.findings.allSatisfy { $0.location.map { $0.line >= 1 } ?? true }, "a finding without a line")
        case .config:
            _ = try? ConfigurationParser.parse(text, file: ".pinaudit.toml")
        case .uvLock, .poetryLock, .pdmLock, .pylock, .pipfileLock:
            let reading = LockfileParser.parse(path: lockfileName, text: text)
            precondition(reading.findings.allSatisfy { $0.location.map { $0.line >= 1 } ?? true }, "a finding without a line")
        case .projectDocument:
            _ = try? JSONAPIDecoder.project(Data(bytes), name: "fuzz", documentURL: "https://registry.invalid/pypi/fuzz/json")
        case .simpleDocument:
            _ = try? SimpleAPIDecoder.project(Data(bytes), canonicalName: "fuzz", pageURL: "https://registry.invalid/simple/fuzz/")
        }
    }

    private var lockfileName: String {
        switch self {
        case .uvLock: "uv.lock"
        case .poetryLock: "poetry.lock"
        case .pdmLock: "pdm.lock"
        case .pipfileLock: "Pipfile.lock"
        default: "pylock.toml"
        }
    }
}

/// The input as the only file; includes of any other name are missing.
struct FuzzFiles: SourceFileReader {
    var files: [String: [UInt8]]

    struct Missing: Error, CustomStringConvertible { var description: String { "no such file" } }

    func read(_ path: String) throws -> [UInt8] {
        guard let bytes = files[SourcePath.normalize(path)] else { throw Missing() }
        return bytes
    }

    func exists(_ path: String) -> Bool { files[SourcePath.normalize(path)] != nil }
}
