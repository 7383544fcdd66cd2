/// `docker-layer-caching`: Requirements are installed after the whole source is copied, so every change reinstalls them.
extension RuleDescriptor {
    public static let dockerLayerCaching = RuleDescriptor(
        rule: .dockerLayerCaching,
        defaultSeverity: .warning,
        summary: "Requirements are installed after the whole source is copied, so every change reinstalls them.",
        help: "Copy the requirements file and install it before copying the rest of the source, so the install layer is reused.")
}
