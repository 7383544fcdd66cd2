/// `image-tag-floating`: A Python base image pins only the minor version; patch and OS release float.
extension RuleDescriptor {
    public static let imageTagFloating = RuleDescriptor(
        rule: .imageTagFloating,
        defaultSeverity: .warning,
        summary: "A Python base image pins only the minor version; patch and OS release float.",
        help: "Add the patch version to the tag (`python:3.12.4-slim`) or pin the image's digest.")
}
