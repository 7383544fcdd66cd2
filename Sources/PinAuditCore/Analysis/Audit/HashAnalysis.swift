/// `--hash` values against the sha256 digests the index publishes for the pinned release.
enum HashAnalysis {
    static func findings(_ pin: AuditPin, release: ReleaseFacts?, requireHashes: Bool) -> [Finding] {
        guard !pin.hashes.isEmpty else {
            guard requireHashes else { return [] }
            return [Finding(rule: .hashMissing, package: pin.name, location: pin.location,
                            message: "Hash-checking mode is on but \(pin.name)==\(pin.version) carries no `--hash`: "
                                + "pip will refuse to install it. Add its hashes, e.g. with `pip-compile --generate-hashes`.")]
        }
        guard let release else { return [] }
        let published = release.files.compactMap { file in file.sha256.map { (file: file, digest: lowercase($0)) } }
        // Without published digests nothing can be compared; other analyses say what is missing.
        guard !published.isEmpty else { return [] }
        let digests = Set(published.map(\.digest))

        var findings: [Finding] = []
        var matched = Set<String>()
        for hash in pin.hashes {
            let (algorithm, digest) = split(hash)
            guard algorithm == "sha256" else { continue }
            if digests.contains(digest) {
                matched.insert(digest)
            } else {
                let names = published.map { "\($0.file.filename) (sha256:\(abbreviated($0.digest)))" }
                let listed = names.count <= 4 ? names.joined(separator: ", ")
                    : names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
                findings.append(Finding(
                    rule: .hashMismatch, package: pin.name, location: pin.location,
                    message: "The hash sha256:\(digest) of \(pin.name)==\(pin.version) matches no file the index publishes for that version "
                        + "(it has \(listed)): regenerate the hashes, and check that the index is the one you expect."))
            }
        }
        let covered = published.filter { matched.contains($0.digest) }.count
        if covered > 0 && covered < published.count {
            findings.append(Finding(
                rule: .hashPartial, package: pin.name, location: pin.location,
                message: "The hashes of \(pin.name)==\(pin.version) cover \(covered) of \(published.count) files; "
                    + "other platforms will fail to install with --require-hashes. Add the hashes of every file if the pin is used elsewhere."))
        }
        return findings
    }

    /// `sha256:abc` → ("sha256", "abc"); a bare 64-digit hex digest is sha256.
    static func split(_ hash: String) -> (algorithm: String, digest: String) {
        if let colon = hash.firstIndex(of: ":") {
            return (lowercase(String(hash[..<colon])), lowercase(String(hash[hash.index(after: colon)...])))
        }
        return ("sha256", lowercase(hash))
    }

    /// `text` lowercased; as it is when it already is (digests nearly always are), without a copy.
    private static func lowercase(_ text: String) -> String {
        text.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ? text.lowercased() : text
    }

    private static func abbreviated(_ digest: String) -> String {
        digest.count > 12 ? String(digest.prefix(12)) + "…" : digest
    }
}
