/// Dockerfiles and Containerfiles: the image's findings, and the requirements and constraints files
/// it installs, found in the build context and read here, by this kind itself.
public struct DockerfileInput: InputKind {
    public init() {}
    public var name: String { "dockerfile" }
    public var helpNames: [String] { ["Dockerfile", "*.Dockerfile", "Containerfile"] }

    public func matches(fileName: String) -> Bool {
        let lower = fileName.lowercased()
        return lower == "dockerfile" || lower == "containerfile" || lower.hasSuffix(".dockerfile") || lower.hasPrefix("dockerfile.")
            || lower.hasSuffix(".containerfile")
    }

    public func read(_ path: String, in session: InputSession) throws {
        let docker = DockerfileParser.parse(path: path, text: try session.readText(path))
        session.merge(DockerfileAnalysis.sourceReading(for: docker))
        let files = session.fileSystem
        for file in docker.referencedFiles {
            guard let referenced = file.path.map(SourcePath.normalize), files.exists(referenced),
                  !files.isDirectory(referenced), session.firstVisit(referenced) else { continue }
            try session.readRequirements(referenced, asConstraint: file.role == .constraints)
        }
    }
}
