/// `unpinned-image`: A Python base image floats on its major version or `latest`.
extension RuleDescriptor {
    public static let unpinnedImage = RuleDescriptor(
        rule: .unpinnedImage,
        defaultSeverity: .error,
        summary: "A Python base image floats on its major version or `latest`.",
        help: "Pin the base image to a full version tag (`python:3.12.4-slim`), ideally with its digest.")
}
