import PythonPackaging

/// Everything about a `plan` run besides the pins and the index.
public struct PlanOptions: Sendable {
    /// Marker environments the pins must stay consistent for (markers of `Requires-Dist` are
    /// evaluated for each; a requirement counts when it applies to at least one).
    public var targets: [MarkerEnvironment]
    /// Target Pythons (X.Y). A release is proposed only when its `requires_python` admits **all** of
    /// them: an updated pin is installed on every target.
    public var pythons: [String]
    /// Labels of the targets for reports (`3.12/linux`).
    public var targetLabels: [String]
    /// `[plan]` of the configuration: max-level, min-age, freeze, pre-releases, per-package limits.
    public var policy: PlanConfiguration
    /// Today, for cooldowns. Passed in so that planning never reads a clock.
    public var today: CalendarDay
    /// Vulnerabilities of pinned versions from other sources (OSV), by canonical name; merged with
    /// the index's own per-version data.
    public var extraVulnerabilities: [String: [Vulnerability]]
    /// Vulnerabilities of any release (canonical name, version) from a local source (the local OSV
    /// database): merged with the index's data for pins and for the releases a fix may move to.
    public var vulnerabilityLookup: (@Sendable (String, String) -> [Vulnerability])?
    /// Bounds of the search for packages that must move together.
    public var maxCoupledDepth: Int
    public var maxGroupSize: Int

    public init(targets: [MarkerEnvironment], pythons: [String], targetLabels: [String] = [], policy: PlanConfiguration = PlanConfiguration(),
                today: CalendarDay, extraVulnerabilities: [String: [Vulnerability]] = [:], maxCoupledDepth: Int = 3, maxGroupSize: Int = 6) {
        self.targets = targets; self.pythons = pythons; self.targetLabels = targetLabels; self.policy = policy
        self.today = today; self.extraVulnerabilities = extraVulnerabilities
        self.maxCoupledDepth = maxCoupledDepth; self.maxGroupSize = maxGroupSize
        vulnerabilityLookup = nil
    }
}

extension UpdateKind {
    /// Order of update sizes (patch < minor < major), for policy limits. (Not a `Comparable`
    /// conformance, which belongs to the type's owner.)
    var planRank: Int {
        switch self {
        case .patch: 0
        case .minor: 1
        case .major: 2
        }
    }

    func allows(_ other: UpdateKind) -> Bool { other.planRank <= planRank }
}
