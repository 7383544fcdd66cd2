/// PEP 503 names.
public enum PackageName {
    /// `Flask_SQLAlchemy` → `flask-sqlalchemy`; runs of `-`, `_`, `.` become one `-`, lowercased.
    public static func canonicalize(_ name: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(name.utf8.count)
        var lastWasSeparator = false
        var isASCII = true
        for scalar in name.unicodeScalars {
            if scalar == "-" || scalar == "_" || scalar == "." {
                if !lastWasSeparator { result.unicodeScalars.append("-") }
                lastWasSeparator = true
                continue
            }
            lastWasSeparator = false
            if scalar.isASCII {
                let value = scalar.value
                result.unicodeScalars.append(value >= 65 && value <= 90 ? Unicode.Scalar(value + 32)! : scalar)
            } else {
                isASCII = false
                result.unicodeScalars.append(scalar)
            }
        }
        // Python lowercases the whole name; non-ASCII letters follow Unicode's full mapping.
        return isASCII ? result : result.lowercased()
    }

    /// PEP 508 name syntax: letters/digits at both ends, `-_.` inside.
    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        guard ASCII.isAlphanumeric(first), ASCII.isAlphanumeric(last) else { return false }
        return bytes.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// True when `canonicalize(name) == name`.
    public static func isCanonical(_ name: String) -> Bool {
        canonicalize(name) == name
    }
}
