import PythonPackaging

/// What a distribution's file name says: the project, the version and the kind of file.
/// The Simple API gives files, not releases; releases are grouped from these names.
///
/// Read byte by byte: a Simple API page of a large project lists tens of thousands of files, and
/// this runs once for each.
struct DistributionFilename: Hashable {
    var version: String
    /// `bdist_wheel`, `sdist`, `bdist_egg`, ...
    var packageType: String

    private static let sdistSuffixes = [".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".tar", ".zip"].map { Array($0.utf8) }
    private static let wheelSuffix = Array(".whl".utf8)
    private static let eggSuffix = Array(".egg".utf8)

    /// Parses `name-version-...whl`, `name-version.tar.gz` and friends for a project; nil when
    /// the name does not fit the pattern.
    init?(_ filename: String, project canonicalName: String) {
        let bytes = Array(filename.utf8)
        let isWheel = Self.hasSuffix(bytes, Self.wheelSuffix)
        if isWheel || Self.hasSuffix(bytes, Self.eggSuffix) {
            // Wheels escape `-` in both name and version, so the version is the second field.
            let stem = bytes[..<(bytes.count - 4)]
            guard let first = stem.firstIndex(of: UInt8(ascii: "-")) else { return nil }
            let rest = stem[(first + 1)...]
            let end = rest.firstIndex(of: UInt8(ascii: "-")) ?? rest.endIndex
            guard end > rest.startIndex else { return nil }
            let field = rest[rest.startIndex..<end].map { $0 == UInt8(ascii: "_") ? UInt8(ascii: "-") : $0 }
            version = String(decoding: field, as: UTF8.self)
            packageType = isWheel ? "bdist_wheel" : "bdist_egg"
            return
        }
        guard let suffix = Self.sdistSuffixes.first(where: { Self.hasSuffix(bytes, $0) }) else { return nil }
        let stem = bytes[..<(bytes.count - suffix.count)]
        // Old sdists keep `-` in the name: find the split whose name part is the project.
        let project = Array(canonicalName.utf8)
        var splitAt: Int?
        for index in stem.indices where stem[index] == UInt8(ascii: "-") {
            if Self.canonicalEquals(stem[stem.startIndex..<index], project) {
                splitAt = index
                break
            }
        }
        if splitAt == nil { splitAt = stem.lastIndex(of: UInt8(ascii: "-")) }
        guard let dash = splitAt, dash + 1 < stem.endIndex else { return nil }
        version = String(decoding: stem[(dash + 1)...], as: UTF8.self)
        packageType = "sdist"
    }

    /// Whether `bytes` ends with `suffix`, ASCII letters compared without case.
    private static func hasSuffix(_ bytes: [UInt8], _ suffix: [UInt8]) -> Bool {
        guard bytes.count >= suffix.count else { return false }
        var index = bytes.count - suffix.count
        for byte in suffix {
            if lowercased(bytes[index]) != byte { return false }
            index += 1
        }
        return true
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Whether the PEP 503 form of `name` (runs of `-`, `_`, `.` made one `-`, lowercase) is
    /// `canonical`, without making it; non-ASCII names go through `PackageName.canonicalize`.
    static func canonicalEquals(_ name: ArraySlice<UInt8>, _ canonical: [UInt8]) -> Bool {
        if name.contains(where: { $0 >= 0x80 }) {
            return Array(PackageName.canonicalize(String(decoding: name, as: UTF8.self)).utf8) == canonical
        }
        var position = 0
        var inSeparator = false
        for byte in name {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
                if inSeparator { continue }
                inSeparator = true
                guard position < canonical.count, canonical[position] == UInt8(ascii: "-") else { return false }
                position += 1
            } else {
                inSeparator = false
                guard position < canonical.count, canonical[position] == lowercased(byte) else { return false }
                position += 1
            }
        }
        return position == canonical.count
    }
}
