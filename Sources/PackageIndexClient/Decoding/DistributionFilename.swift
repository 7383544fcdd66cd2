import PythonPackaging

/// What a distribution's file name says: the project, the version and the kind of file.
/// The Simple API gives files, not releases; releases are grouped from these names.
struct DistributionFilename: Hashable {
    var version: String
    /// `bdist_wheel`, `sdist`, `bdist_egg`, ...
    var packageType: String

    private static let sdistSuffixes = [".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".tar", ".zip"]

    /// Parses `name-version-...whl`, `name-version.tar.gz` and friends for a project; nil when
    /// the name does not fit the pattern.
    init?(_ filename: String, project canonicalName: String) {
        let lower = filename.lowercased()
        if lower.hasSuffix(".whl") || lower.hasSuffix(".egg") {
            // Wheels escape `-` in both name and version, so the version is the second field.
            let stem = filename.dropLast(4)
            let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count >= 2, !parts[1].isEmpty else { return nil }
            version = String(parts[1]).replacingOccurrences(of: "_", with: "-")
            packageType = lower.hasSuffix(".whl") ? "bdist_wheel" : "bdist_egg"
            return
        }
        guard let suffix = Self.sdistSuffixes.first(where: { lower.hasSuffix($0) }) else { return nil }
        let stem = filename.dropLast(suffix.count)
        // Old sdists keep `-` in the name: find the split whose name part is the project.
        var splitAt: Substring.Index?
        var search = stem.startIndex
        while let dash = stem[search...].firstIndex(of: "-") {
            if PackageName.canonicalize(String(stem[..<dash])) == canonicalName {
                splitAt = dash
                break
            }
            search = stem.index(after: dash)
        }
        if splitAt == nil { splitAt = stem.lastIndex(of: "-") }
        guard let dash = splitAt else { return nil }
        let versionText = stem[stem.index(after: dash)...]
        guard !versionText.isEmpty else { return nil }
        version = String(versionText)
        packageType = "sdist"
    }
}
