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
        // Digests only: the files (names, URLs) are read when a hash matches none of them.
        let published = release.digests.compactMap { $0 }
        // Without published digests nothing can be compared; other analyses say what is missing.
        guard !published.isEmpty else { return [] }

        var findings: [Finding] = []
        // A release has a few dozen files at most: a linear search beats hashing every digest.
        var matched = [Bool](repeating: false, count: published.count)
        var unchecked: [String] = []
        for hash in pin.hashes {
            let (algorithm, text) = split(hash)
            guard algorithm == "sha256" else {
                if !unchecked.contains(algorithm) { unchecked.append(algorithm) }
                continue
            }
            var found = false
            if let digest = SHA256Digest(hex: text) {
                for (index, file) in published.enumerated() where file == digest {
                    matched[index] = true
                    found = true
                }
            }
            if !found {
                let names = release.files.compactMap { file in
                    file.sha256Digest.map { "\(file.filename) (sha256:\(abbreviated($0.description)))" }
                }
                let listed = names.count <= 4 ? names.joined(separator: ", ")
                    : names.prefix(3).joined(separator: ", ") + " and \(names.count - 3) more"
                findings.append(Finding(
                    rule: .hashMismatch, package: pin.name, location: pin.location,
                    message: "The hash sha256:\(lowercase(text)) of \(pin.name)==\(pin.version) matches no file the index publishes for that version "
                        + "(it has \(listed)): regenerate the hashes, and check that the index is the one you expect."))
            }
        }
        if !unchecked.isEmpty {
            findings.append(Finding(
                rule: .hashUnchecked, package: pin.name, location: pin.location,
                message: "The \(unchecked.joined(separator: " and ")) hashes of \(pin.name)==\(pin.version) cannot be checked against the index, "
                    + "which publishes sha256 digests: pip still checks them when it installs. Add the sha256 hashes (`pip hash` prints them) to have them checked here too."))
        }
        let covered = matched.filter { $0 }.count
        if covered > 0 && covered < published.count {
            findings.append(Finding(
                rule: .hashPartial, package: pin.name, location: pin.location,
                message: "The hashes of \(pin.name)==\(pin.version) cover \(covered) of \(published.count) files; "
                    + "other platforms will fail to install with --require-hashes. Add the hashes of every file if the pin is used elsewhere."))
        }
        return findings
    }

    /// `sha256:abc` → ("sha256", "abc"); a bare hex digest is sha256. The algorithm is lowercased;
    /// the digest is left as written (hex digits compare in either case).
    static func split(_ hash: String) -> (algorithm: String, digest: Substring) {
        guard let colon = hash.utf8.firstIndex(of: UInt8(ascii: ":")) else { return ("sha256", hash[...]) }
        let algorithm = hash[..<colon]
        let digest = hash[hash.utf8.index(after: colon)...]
        if algorithm == "sha256" { return ("sha256", digest) }
        return (lowercase(String(algorithm)), digest)
    }

    /// `text` lowercased; as it is when it already is (digests nearly always are), without a copy.
    private static func lowercase(_ text: some StringProtocol) -> String {
        text.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } ? text.lowercased() : String(text)
    }

    private static func abbreviated(_ digest: String) -> String {
        digest.count > 12 ? String(digest.prefix(12)) + "…" : digest
    }
}
