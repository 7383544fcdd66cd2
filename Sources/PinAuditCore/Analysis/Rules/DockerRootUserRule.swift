/// `docker-root-user`: The final image stage runs as root.
extension RuleDescriptor {
    public static let dockerRootUser = RuleDescriptor(
        rule: .dockerRootUser,
        defaultSeverity: .warning,
        summary: "The final image stage runs as root.",
        help: "Add a `USER` instruction with an unprivileged user to the final stage.")
}
