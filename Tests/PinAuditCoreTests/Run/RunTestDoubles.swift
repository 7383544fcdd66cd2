import PinAuditCore
import TestSupport

/// Files in memory as the run's file system: a working directory and the folders that hold files.
struct InMemoryRunFileSystem: RunFileSystem {
    var files: InMemoryFiles
    var currentDirectory = "/project"

    init(_ files: [String: String]) {
        var folders: Set<String> = []
        for path in files.keys {
            var folder = SourcePath.directory(of: path)
            while !folder.isEmpty && folder != "/" { folders.insert(folder); folder = SourcePath.directory(of: folder) }
        }
        self.files = InMemoryFiles(files, directories: folders)
    }

    func read(_ path: String) throws -> [UInt8] { try files.read(path) }
    func exists(_ path: String) -> Bool { files.exists(path) }
    func isDirectory(_ path: String) -> Bool { files.isDirectory(path) }

    func contentsOfDirectory(_ path: String) -> [String]? {
        let prefix = path.isEmpty ? "" : path + "/"
        let paths = Array(files.files.keys) + Array(files.directories)
        let names = paths.filter { $0.hasPrefix(prefix) && $0.count > prefix.count }
            .map { String($0.dropFirst(prefix.count)) }.filter { !$0.contains("/") }
        return Array(Set(names))
    }
}

/// A vulnerability service with a fixed answer (or failure).
struct FixedVulnerabilityService: VulnerabilityService {
    var name = "fixed"
    var answer: Result<[String: [Vulnerability]], VulnerabilityServiceFailure>
    func vulnerabilities(for pins: [VulnerabilityQuery]) async -> Result<[String: [Vulnerability]], VulnerabilityServiceFailure> { answer }
}

/// The fake index as the run's connection: which projects several indexes serve, and the services
/// `audit` gets, are set by the test.
struct FakeIndexConnection: IndexConnection {
    var index: FakeIndex
    var severalIndexes: [String: [String]] = [:]
    var services: [any VulnerabilityService] = []

    func project(_ canonicalName: String) async -> Result<ProjectFacts, IndexFailure> { await index.project(canonicalName) }
    func metadata(_ canonicalName: String, version: String) async -> Result<VersionMetadata, IndexFailure> {
        await index.metadata(canonicalName, version: version)
    }
    func projectsOnSeveralIndexes() -> [String: [String]] { severalIndexes }
    var traffic: IndexTraffic { IndexTraffic(requests: 3, cacheHits: 2) }
    func vulnerabilityServices(for source: VulnerabilitySource, databaseFlag: String?, configuration: Configuration) -> [any VulnerabilityService] {
        services
    }
    func planVulnerabilityLookup(configuration: Configuration) throws -> (@Sendable (String, String) -> [Vulnerability])? { nil }
}

/// Hands out one connection and remembers what the run asked for.
final class RecordingConnector: IndexConnector, @unchecked Sendable {
    let connection: FakeIndexConnection
    private(set) var requests: [IndexRequest] = []
    init(_ connection: FakeIndexConnection) { self.connection = connection }
    func connect(_ request: IndexRequest) throws -> any IndexConnection {
        requests.append(request)
        return connection
    }
}

/// Remembers what the run told people.
final class RecordingObserver: RunObserver, @unchecked Sendable {
    private(set) var filesRead: [[String]] = []
    private(set) var finished: [(packages: Int, traffic: IndexTraffic)] = []
    func filesRead(_ files: [String]) { filesRead.append(files) }
    func indexFinished(packages: Int, traffic: IndexTraffic) { finished.append((packages, traffic)) }
}

extension RunPipeline {
    /// A run over in-memory files and the fake index, on a fixed day.
    static func fake(_ files: [String: String], connection: FakeIndexConnection = FakeIndexConnection(index: FakeIndex()),
                     observer: RecordingObserver = RecordingObserver(), environment: [String: String] = [:]) -> (RunPipeline, RecordingConnector) {
        let connector = RecordingConnector(connection)
        return (RunPipeline(fileSystem: InMemoryRunFileSystem(files), environment: environment, connector: connector,
                            observer: observer, today: CalendarDay(year: 2025, month: 1, day: 31)!), connector)
    }
}

extension RunFlags {
    static func reading(_ paths: String...) -> RunFlags {
        var flags = RunFlags()
        flags.paths = paths
        return flags
    }
}
