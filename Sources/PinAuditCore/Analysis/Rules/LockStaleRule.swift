/// `lock-stale`: A lockfile no longer satisfies what `pyproject.toml` or the `Pipfile` beside it declares: re-lock.
extension RuleDescriptor {
    public static let lockStale = RuleDescriptor(
        rule: .lockStale,
        defaultSeverity: .error,
        summary: "A lockfile no longer satisfies what `pyproject.toml` or the `Pipfile` beside it declares: re-lock.",
        help: "Re-lock (`uv lock`, `poetry lock`, `pdm lock`, `pipenv lock`) so the lock satisfies what the project declares.")
}
