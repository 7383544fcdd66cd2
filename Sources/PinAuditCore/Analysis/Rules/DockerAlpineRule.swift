/// `docker-alpine`: An Alpine base image is used for Python (musl wheels, slower builds).
extension RuleDescriptor {
    public static let dockerAlpine = RuleDescriptor(
        rule: .dockerAlpine,
        defaultSeverity: .warning,
        summary: "An Alpine base image is used for Python (musl wheels, slower builds).",
        help: "Prefer a Debian-based `-slim` image: most wheels are built for glibc, so Alpine compiles from source.")
}
