/// `dependency-confusion`: a package that more than one configured index serves, so pip may
/// install it from any of them (an impostor on the public index wins as easily as the real one).
public enum DependencyConfusionAnalysis {
    /// One finding per package found on several indexes, by name, at its first requirement.
    public static func findings(projectsOnSeveralIndexes: [String: [String]], entries: [RequirementEntry]) -> [Finding] {
        projectsOnSeveralIndexes.sorted { $0.key < $1.key }.map { name, indexes in
            let location = entries.first { $0.canonicalName == name }?.location
            return Finding(rule: .dependencyConfusion, package: name, location: location,
                           message: "\(name) exists on more than one index (\(indexes.joined(separator: ", "))): pip may install it from any of them. Make sure the public one is not an impostor, or use a single index.")
        }
    }
}
