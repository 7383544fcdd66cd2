/// `conflict`: A pin violates a specifier that another pinned package puts on it.
extension RuleDescriptor {
    public static let conflict = RuleDescriptor(
        rule: .conflict,
        defaultSeverity: .error,
        summary: "A pin violates a specifier that another pinned package puts on it.",
        help: "Move one of the two pins so that the dependent's specifier admits the other; `pinaudit plan` finds versions that fit together.")
}
