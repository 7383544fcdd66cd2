import Foundation

/// The size limit of one input file: `--max-file-size`, else `PINAUDIT_MAX_FILE_SIZE`, else 16 MiB (ten times the largest lockfile of the test corpus).
/// Sizes are bytes or a number with K, M or G (powers of 1024).
public enum FileSizeLimit {
    /// The default size limit of one input file.
    public static let defaultLimit = 16 << 20

    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(trimmed)
        if digits.hasSuffix("IB") { digits = digits.dropLast(2) } else if digits.count > 1, digits.hasSuffix("B") { digits = digits.dropLast() }
        var scale = 1
        if let last = digits.last, let unit = units[last] { scale = unit; digits = digits.dropLast() }
        guard let number = Int(digits), number > 0, number <= Int.max / scale else { return nil }
        return number * scale
    }

    /// The limit this run uses, from the flag or the environment.
    public static func resolve(flag: String?, environment: [String: String]) throws -> Int {
        if let flag {
            guard let value = parse(flag) else {
                throw InputFailure("--max-file-size takes a size like 64M, 1G or a number of bytes, not '\(flag)'.")
            }
            return value
        }
        if let text = environment["PINAUDIT_MAX_FILE_SIZE"], !text.isEmpty {
            guard let value = parse(text) else {
                throw InputFailure("PINAUDIT_MAX_FILE_SIZE takes a size like 64M, 1G or a number of bytes, not '\(text)'.")
            }
            return value
        }
        return defaultLimit
    }

    public static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20 { return bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
