/// `malicious-package`: A pinned package is reported as malicious (an OSV `MAL-` advisory): remove it, do not update it.
extension RuleDescriptor {
    public static let maliciousPackage = RuleDescriptor(
        rule: .maliciousPackage,
        defaultSeverity: .error,
        summary: "A pinned package is reported as malicious (an OSV `MAL-` advisory): remove it, do not update it.",
        help: "Remove the package and check the machines that installed it; no update fixes a malicious package.")
}
