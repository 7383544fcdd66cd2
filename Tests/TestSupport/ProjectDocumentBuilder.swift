import Foundation

/// Writes JSON API project documents of any size, shaped like the real index's, for tests
/// that need many packages or large documents.
public enum ProjectDocumentBuilder {
    /// A project document with `releases` releases of `filesPerRelease` files each; versions are
    /// `1.0.0`, `1.0.1`, ... in that order; file URLs point at `base`.
    public static func project(name: String, releases: Int, filesPerRelease: Int = 1, base: String = "{{BASE}}") -> String {
        var text = "{\"info\": {\"name\": \"\(name)\", \"version\": \"1.0.\(max(0, releases - 1))\", "
        text += "\"home_page\": \"\", \"project_urls\": {\"Source\": \"https://example.invalid/\(name)\"}, "
        text += "\"requires_python\": \">=3.8\", \"summary\": \"A generated project for tests.\"}, \"last_serial\": 1, "
        text += "\"releases\": {"
        for release in 0..<releases {
            if release > 0 { text += ", " }
            let version = "1.0.\(release)"
            text += "\"\(version)\": ["
            for file in 0..<filesPerRelease {
                if file > 0 { text += ", " }
                let filename = "\(name.replacingOccurrences(of: "-", with: "_"))-\(version)-cp312-cp312-manylinux_2_17_x86_64_\(file).whl"
                let digest = String(repeating: String(format: "%02x", (release + file) % 256), count: 32)
                text += """
                {"comment_text": "", "digests": {"blake2b_256": "\(digest)", "md5": "\(digest.prefix(32))", \
                "sha256": "\(digest)"}, "downloads": -1, "filename": "\(filename)", "has_sig": false, \
                "md5_digest": "\(digest.prefix(32))", "packagetype": "bdist_wheel", "python_version": "cp312", \
                "requires_python": ">=3.8", "size": \(100_000 + file), "upload_time": "2024-01-01T00:00:00", \
                "upload_time_iso_8601": "2024-01-01T00:00:00.000000Z", "url": "\(base)/files/\(filename)", \
                "yanked": false, "yanked_reason": null, "core_metadata": {"sha256": "\(digest)"}, \
                "data-dist-info-metadata": {"sha256": "\(digest)"}}
                """
            }
            text += "]"
        }
        text += "}, \"urls\": [], \"vulnerabilities\": []}"
        return text
    }
}
