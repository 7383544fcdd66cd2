import Testing

/// The end-to-end tests of the jobs (plan's exit contract, the cron example, the workflows, the action,
/// the README's recipes), one at a time: each spawns shells, `pinaudit` runs and a loopback index,
/// and running them all at once on a small machine starves the timing-sensitive transport tests that
/// run beside them.
@Suite(.serialized) struct JobTests {}
