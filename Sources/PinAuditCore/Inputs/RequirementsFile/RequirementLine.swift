import PythonPackaging

/// Turns the requirement part of a line into a requirement, as pip's `install_req_from_line` and
/// `install_req_from_editable` do: PEP 508 text, URLs (with `#egg=` or a wheel file name), VCS
/// references, local paths and archives.
struct RequirementLine {
    let reader: SourceFileReader
    /// Marker texts repeat across a file; each distinct one is parsed once.
    final class MarkerCache { var parsed: [String: Result<Marker, PackagingParseError>] = [:] }
    var markers = MarkerCache()

    struct Problem: Error { var message: String }

    struct Parsed {
        var requirement: Requirement?
        var url: String?
        /// The marker of an unnamed requirement (a named one carries it in `requirement`).
        var markerOnly: Marker? = nil
    }

    static let vcsNames = ["git", "hg", "svn", "bzr"]
    static let vcsSchemes: Set<String> = [
        "git", "git+http", "git+https", "git+ssh", "git+git", "git+file",
        "hg", "hg+file", "hg+http", "hg+https", "hg+ssh", "hg+static-http",
        "svn", "svn+ssh", "svn+http", "svn+https", "svn+svn", "svn+file",
        "bzr", "bzr+http", "bzr+https", "bzr+ssh", "bzr+sftp", "bzr+ftp", "bzr+lp", "bzr+file",
    ]

    static func scheme(_ text: String) -> String? {
        let bytes = text.utf8
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return String(text[..<colon]).lowercased()
    }

    static func isURL(_ text: String) -> Bool {
        // A scheme is letters, digits, `+`, `-`, `.` before the first `:`; bail out early otherwise.
        for b in text.utf8 {
            if b == UInt8(ascii: ":") { break }
            let ok = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E
            if !ok { return false }
        }
        guard let s = scheme(text) else { return false }
        return ["http", "https", "file", "ftp"].contains(s) || vcsSchemes.contains(s)
    }

    /// A non-editable requirement line's argument part.
    func parse(_ text: String) throws -> Parsed {
        var name = text
        var marker: Marker?
        let separator = Self.isURL(text) ? "; " : ";"
        if text.utf8.contains(UInt8(ascii: ";")), let range = text.firstRange(of: separator) {
            name = String(text[..<range.lowerBound])
            let markerText = LogicalLines.stripPythonWhitespace(String(text[range.upperBound...]))
            if !markerText.isEmpty {
                let result = markers.parsed[markerText] ?? Result { try Marker(markerText) }.mapError { $0 as! PackagingParseError }
                markers.parsed[markerText] = result
                switch result {
                case .success(let m): marker = m
                case .failure(let e): throw Problem(message: "invalid marker `\(markerText.abbreviated)`: \(e.message)")
                }
            }
        }
        name = LogicalLines.stripPythonWhitespace(name)

        var link: String?
        if Self.isURL(name) {
            link = name
        } else {
            // pip takes a path's `[extras]` off before looking at the file system; an unnamed
            // requirement keeps no extras of its own (pip reports none either).
            let (path, _) = Self.stripExtras(name)
            if try isLocalInstallable(path: path, name: name) { link = path }
        }

        var requirementText: String?
        if let link {
            let fileName = Self.fileName(of: link)
            if fileName.lowercased().hasSuffix(".whl") {
                guard let (wheelName, wheelVersion) = Self.wheelNameAndVersion(fileName) else {
                    throw Problem(message: "\(fileName) is not a valid wheel filename.")
                }
                requirementText = "\(wheelName)==\(wheelVersion)"
            } else {
                requirementText = Self.eggFragment(link)
            }
        } else {
            requirementText = name
        }

        var requirement: Requirement?
        if let requirementText {
            do {
                requirement = try Requirement(requirementText)
            } catch let e as PackagingParseError {
                var message = "`\(requirementText.abbreviated)` is not a valid requirement: \(e.message)"
                if requirementText.contains("/") {
                    message += " It looks like a path, but no such file or directory exists."
                } else if requirementText.contains("="), !["==", "!=", "<=", ">=", "~=", "<", ">"].contains(where: { requirementText.contains($0) }) {
                    message += " `=` is not a valid operator: did you mean `==`?"
                }
                throw Problem(message: message)
            }
            if let clause = requirement?.specifier.clauses.first(where: { $0.version.hasSuffix("]") }) {
                throw Problem(message: "extras after the version (`\(clause)`) are not allowed: write `name[extra]==version`.")
            }
        }
        if requirement != nil, let marker { requirement?.marker = marker }
        return Parsed(requirement: requirement, url: link ?? requirement?.url, markerOnly: requirement == nil ? marker : nil)
    }

    /// pip's `_get_url_from_path`: whether `name` denotes a local directory or archive.
    private func isLocalInstallable(path: String, name: String) throws -> Bool {
        // `name @ url`: pip would first look for a file or folder of that literal name; none exists
        // in practice, so PEP 508 URL requirements skip the file-system probes.
        if let at = name.utf8.firstIndex(of: UInt8(ascii: "@")) {
            let before = name[..<at]
            if !before.utf8.contains(UInt8(ascii: "/")) && before.utf8.first != UInt8(ascii: ".") { return false }
        }
        let looksLikePath = name.utf8.contains(UInt8(ascii: "/")) || name.utf8.first == UInt8(ascii: ".")
        if looksLikePath && reader.isDirectory(path) {
            let base = path.hasSuffix("/") ? path : path + "/"
            if reader.exists(base + "setup.py") || reader.exists(base + "pyproject.toml") { return true }
            throw Problem(message: "directory \(name) is not installable: neither setup.py nor pyproject.toml is in it.")
        }
        guard Self.isArchive(path) else { return false }
        if reader.exists(path) { return true }
        let parts = name.split(separator: "@", maxSplits: 1)
        if parts.count == 2 {
            let before = String(parts[0])
            if !(before.contains("/") || before.hasPrefix(".")) { return false }
        }
        return true
    }

    /// An editable requirement (`-e path-or-vcs-url`).
    func parseEditable(_ text: String) throws -> Parsed {
        let (withoutExtras, _) = Self.stripExtras(text)
        var url = text
        if reader.isDirectory(withoutExtras) || withoutExtras.lowercased().hasPrefix("file:") {
            let name = Self.eggFragment(withoutExtras)
            return Parsed(requirement: try name.map { try requirement(fromEgg: $0) }, url: withoutExtras)
        }
        for vcs in Self.vcsNames where url.lowercased().hasPrefix(vcs + ":") {
            url = vcs + "+" + url
            break
        }
        guard let scheme = Self.scheme(url), Self.vcsSchemes.contains(scheme) else {
            throw Problem(message: "\(text) is not a valid editable requirement: it should be a path to a local project or a VCS URL (git+, hg+, svn+, bzr+).")
        }
        guard let name = Self.eggFragment(url) else {
            throw Problem(message: "cannot tell the requirement name of `\(text)`: add one with #egg=your_package_name.")
        }
        return Parsed(requirement: try requirement(fromEgg: name), url: url)
    }

    private func requirement(fromEgg name: String) throws -> Requirement {
        do { return try Requirement(name) } catch { throw Problem(message: "`\(name)` in #egg= is not a valid requirement name.") }
    }

    /// `^(.+)(\[[^\]]+\])$`: a trailing `[extras]` on a path.
    static func stripExtras(_ text: String) -> (String, String?) {
        guard text.hasSuffix("]"), let open = text.lastIndex(of: "["), open > text.startIndex else { return (text, nil) }
        let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
        if inner.isEmpty || inner.contains("]") { return (text, nil) }
        return (String(text[..<open]), String(text[open...]))
    }

    /// `[#&]egg=([^&]*)`.
    static func eggFragment(_ url: String) -> String? {
        var search = Substring(url)
        while let range = search.firstRange(of: "egg=") {
            let before = range.lowerBound > url.startIndex ? url[url.index(before: range.lowerBound)] : " "
            if before == "#" || before == "&" {
                let value = search[range.upperBound...].prefix { $0 != "&" }
                return String(value)
            }
            search = search[range.upperBound...]
        }
        return nil
    }

    /// The last path segment of a URL or path, without query or fragment, percent-decoded.
    static func fileName(of link: String) -> String {
        var s = Substring(link)
        if let hash = s.firstIndex(of: "#") { s = s[..<hash] }
        if let q = s.firstIndex(of: "?") { s = s[..<q] }
        let last = s.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? String(s)
        return last.removingPercentEncodingIfPossible
    }

    static func isArchive(_ path: String) -> Bool {
        // Cheap test first: the text before any `#`/`?` must end like an archive.
        var end = path.utf8.endIndex
        if let cut = path.utf8.firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) { end = cut }
        let tail = path.utf8[..<end].suffix(9).map { $0 | 0x20 }
        let plausible = ["zip", "whl", "bz2", "tbz", ".xz", "txz", "tlz", ".lz", "zma", ".gz", "tgz", "tar"].contains { suffix in
            tail.count >= 3 && Array(tail.suffix(3)) == Array(suffix.utf8)
        }
        guard plausible else { return false }
        let lower = fileName(of: path).lowercased()
        return [".zip", ".whl", ".tar.bz2", ".tbz", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma", ".tar.gz", ".tgz", ".tar"]
            .contains { lower.hasSuffix($0) }
    }

    /// `name-version(-build)?-python-abi-platform.whl` → (name, version) with `_` read as `-`.
    static func wheelNameAndVersion(_ fileName: String) -> (String, String)? {
        let stem = fileName.dropLast(4)
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 5 || parts.count == 6, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return (parts[0].replacingAll("_", with: "-"), parts[1].replacingAll("_", with: "-"))
    }
}

extension StringProtocol {
    func replacingAll(_ a: Character, with b: Character) -> String { String(map { $0 == a ? b : $0 }) }
}

extension String {
    /// At most 120 characters, for messages that quote user input.
    var abbreviated: String { count <= 120 ? self : String(prefix(117)) + "..." }

    /// Percent-decoding of `%XX` sequences (UTF-8); the text unchanged when it is not valid.
    var removingPercentEncodingIfPossible: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var it = Array(utf8)[...]
        while let b = it.first {
            it = it.dropFirst()
            if b == UInt8(ascii: "%"), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v); it = it.dropFirst(2)
            } else { bytes.append(b) }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
