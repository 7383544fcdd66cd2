/// `docker-privileged-port`: A port below 1024 is exposed, which needs root inside the container.
extension RuleDescriptor {
    public static let dockerPrivilegedPort = RuleDescriptor(
        rule: .dockerPrivilegedPort,
        defaultSeverity: .warning,
        summary: "A port below 1024 is exposed, which needs root inside the container.",
        help: "Expose a port of 1024 or above and map it to the wanted port when running the container.")
}
