extension IndexFailure {
    /// What was being asked when the index failed.
    public enum Question: Hashable, Sendable {
        /// The project document.
        case project
        /// Dependency metadata of one version.
        case metadata(version: String)
    }

    /// The finding for a package the index could not answer for:
    /// - project not found → `unknown-package` (error);
    /// - metadata not found or unavailable → `metadata-unavailable` (warning);
    /// - network/server failure or offline without cache → `index-error` (error) with the reason.
    public func finding(package: String, question: Question = .project, location: SourceLocation? = nil) -> Finding {
        let subject: String
        switch question {
        case .project: subject = package
        case .metadata(let version): subject = "\(package) \(version)"
        }
        switch (self, question) {
        case (.notFound, .project):
            return Finding(rule: .unknownPackage, package: package, location: location,
                           message: "The index has no project named \(package): check the spelling, or, if it is a private package, "
                               + "configure the index that hosts it (`index-url`), not an extra index where anyone could register the name.")
        case (.notFound, .metadata):
            return Finding(rule: .metadataUnavailable, package: package, location: location,
                           message: "The index publishes no metadata for \(subject): its dependencies and vulnerabilities were not checked; "
                               + "check that the version exists.")
        case (.metadataUnavailable(let reason), _):
            return Finding(rule: .metadataUnavailable, package: package, location: location,
                           message: "The index publishes no dependency metadata for \(subject) (\(reason)): its dependencies were not checked; "
                               + "pin them explicitly.")
        case (.unavailable(let reason), _):
            return Finding(rule: .indexError, package: package, location: location,
                           message: "The index could not be asked about \(subject) (\(reason)): the result is incomplete; run again later.")
        case (.notCached, _):
            return Finding(rule: .indexError, package: package, location: location,
                           message: "\(subject) is not in the cache and the run is offline: the result is incomplete; run once without --offline.")
        }
    }

    /// Whether the report is incomplete because of this failure (exit code 3): the index did not
    /// answer, as opposed to answering "no".
    public var leavesReportIncomplete: Bool {
        switch self {
        case .notFound, .metadataUnavailable: false
        case .unavailable, .notCached: true
        }
    }
}
