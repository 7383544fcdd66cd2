import PythonPackaging

/// Collects what a lockfile parser reads, package by package, and turns it into a `LockfileReading`:
/// builds the entries, parses markers, reports entries without an exact version and graph edges
/// that point at nothing locked.
struct LockfileBuilder {
    let path: String
    let kind: LockfileKind
    var formatVersion: String?
    private(set) var entries: [RequirementEntry] = []
    private(set) var findings: [Finding] = []
    /// nil until the lock shows it records a graph.
    var dependencies: [String: [LockDependency]]?
    var directPackages: Set<String>?
    private(set) var groups: [String: [String]] = [:]
    /// Where each edge's dependent is locked, for `lock-missing-package` locations.
    private var dependentLines: [String: Int] = [:]
    /// Lock files repeat the same few markers thousands of times; parse each text once.
    private var markerCache: [String: Marker] = [:]

    init(path: String, kind: LockfileKind, formatVersion: String?) {
        self.path = path; self.kind = kind; self.formatVersion = formatVersion
    }

    func location(_ line: Int) -> SourceLocation { SourceLocation(file: path, line: line) }

    /// One locked package. `isLocal` marks a project directory or workspace member, which needs no version.
    mutating func addPackage(name: String, version: String?, markerText: String? = nil, extras: [String] = [],
                             hashes: [String] = [], line: Int, url: String? = nil, editable: Bool = false,
                             isLocal: Bool = false, groups packageGroups: [String] = []) {
        let canonical = PackageName.canonicalize(name)
        let marker = parseMarker(markerText, package: canonical, line: line)
        let trimmedVersion = version.map { $0.trimmingWhitespace }.flatMap { $0.isEmpty ? nil : $0 }
        let requirement = Requirement(name: name, extras: extras, marker: marker)
        entries.append(RequirementEntry(
            requirement: requirement, url: url, hashes: hashes, editable: editable,
            location: location(line), lockedVersion: trimmedVersion, origin: .lockfile))
        if trimmedVersion == nil && !isLocal {
            findings.append(Finding(
                rule: .lockEntryUnpinned, package: canonical, location: location(line),
                message: "\(name) is locked without an exact version in \(path): re-lock it with \(kind.toolName) so the lock records one."))
        }
        for group in packageGroups where !(groups[canonical] ?? []).contains(group) {
            groups[canonical, default: []].append(group)
        }
        if dependentLines[canonical] == nil { dependentLines[canonical] = line }
    }

    /// A lock-level problem (an unsupported entry, a bad marker).
    mutating func add(_ finding: Finding) { findings.append(finding) }

    /// Records that `dependent` needs `dependency`.
    mutating func addDependency(of dependent: String, _ dependency: LockDependency) {
        let key = PackageName.canonicalize(dependent)
        var edges = dependencies?[key] ?? []
        if !edges.contains(dependency) { edges.append(dependency) }
        if dependencies == nil { dependencies = [:] }
        dependencies?[key] = edges
    }

    /// Declares that the lock records a graph, even when no package has dependencies.
    mutating func recordsGraph() { if dependencies == nil { dependencies = [:] } }

    /// An edge from raw lock values; the marker is parsed here.
    mutating func dependency(name: String, markerText: String?, extras: [String] = [], version: String? = nil,
                             isOptional: Bool = false, line: Int) -> LockDependency {
        let canonical = PackageName.canonicalize(name)
        let marker = parseMarker(markerText, package: canonical, line: line)
        return LockDependency(name: canonical, marker: marker, markerText: markerText,
                              extras: extras.map(PackageName.canonicalize), version: version, isOptional: isOptional)
    }

    /// A PEP 508 dependency string (PDM's `dependencies`), or nil with a finding when it does not parse.
    mutating func dependency(requirementText: String, line: Int) -> LockDependency? {
        do {
            let requirement = try Requirement(requirementText)
            let version = requirement.specifier.clauses.count == 1 && requirement.specifier.clauses[0].op == .equal
                && !requirement.specifier.clauses[0].hasWildcard ? requirement.specifier.clauses[0].version : nil
            return LockDependency(name: requirement.canonicalName, marker: requirement.marker,
                                  extras: requirement.extras.map(PackageName.canonicalize), version: version)
        } catch {
            findings.append(Finding(rule: .parseError, location: location(line),
                                    message: "The dependency \"\(requirementText)\" in \(path) is not a valid PEP 508 requirement: \(error)."))
            return nil
        }
    }

    private mutating func parseMarker(_ text: String?, package: String, line: Int) -> Marker? {
        guard let text, !text.trimmingWhitespace.isEmpty else { return nil }
        if let cached = markerCache[text] { return cached }
        do {
            let marker = try Marker(text)
            markerCache[text] = marker
            return marker
        } catch {
            findings.append(Finding(rule: .parseError, package: package, location: location(line),
                                    message: "The marker \"\(text)\" of \(package) in \(path) is not a valid PEP 508 marker: \(error)."))
            return nil
        }
    }

    /// The reading, with `lock-missing-package` findings for unconditional edges to unlocked names.
    ///
    /// Edges with a marker or behind an extra are not reported: whether they apply depends on the
    /// target environment, and lock tools leave out packages no supported target needs.
    func build() -> LockfileReading {
        var all = findings
        if let dependencies {
            let locked = Set(entries.compactMap(\.canonicalName))
            var reported = Set<String>()
            for dependent in dependencies.keys.sorted() {
                for edge in dependencies[dependent] ?? [] where !edge.isOptional && edge.markerText == nil {
                    guard !locked.contains(edge.name), !reported.contains(edge.name) else { continue }
                    reported.insert(edge.name)
                    all.append(Finding(
                        rule: .lockMissingPackage, package: edge.name, location: location(dependentLines[dependent] ?? 1),
                        message: "\(edge.name) is required by \(dependent) but is not locked in \(path): re-lock with \(kind.toolName) so the lock is complete."))
                }
            }
        }
        return LockfileReading(path: path, kind: kind, formatVersion: formatVersion, entries: entries,
                               dependencies: dependencies, directPackages: directPackages, groups: groups,
                               findings: all)
    }
}
