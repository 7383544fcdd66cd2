/// `include-error`: An included requirements or constraints file is missing, unreadable or part of a cycle.
extension RuleDescriptor {
    public static let includeError = RuleDescriptor(
        rule: .includeError,
        defaultSeverity: .error,
        summary: "An included requirements or constraints file is missing, unreadable or part of a cycle.",
        help: "Make the `-r` or `-c` path relative to the including file, check that it exists and is readable, and break any cycle of includes.")
}
