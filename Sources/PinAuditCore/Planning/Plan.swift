/// A controlled update plan: ordered steps, each moving one package or one coupled group, that
/// keep the pins consistent after every step. Steps are cumulative: step *n* assumes steps 1…*n*-1
/// are applied. Built by `UpdatePlanner`, rendered by `PlanFormatter`, applied through
/// `PlanSelection` and `RequirementsRewriter`.
public struct Plan: Hashable, Sendable {
    /// Steps in order: security and yanked fixes, then patch, minor and major updates.
    public var steps: [PlanStep]
    /// Updates the plan wanted but could not make consistent, with what blocks them.
    public var blocked: [BlockedUpdate]
    /// Newer releases deliberately not proposed (frozen, above max-level, in cooldown, local build).
    public var held: [HeldUpdate]
    /// Packages the index could not answer for: not planned, and the plan is incomplete.
    public var skipped: [SkippedPackage]
    /// Target environments and Pythons the plan was checked for, e.g. ["3.12/linux"].
    public var targets: [String]
    /// The day the plan was made for (cooldowns count from it). Not part of the fingerprint.
    public var today: CalendarDay
    /// sha256 hex of `PlanFormatter.canonical(self)`; equal plans have equal fingerprints.
    public var fingerprint: String

    public init(steps: [PlanStep], blocked: [BlockedUpdate] = [], held: [HeldUpdate] = [], skipped: [SkippedPackage] = [],
                targets: [String] = [], today: CalendarDay, fingerprint: String = "") {
        self.steps = steps; self.blocked = blocked; self.held = held; self.skipped = skipped
        self.targets = targets; self.today = today; self.fingerprint = fingerprint
    }

    /// True when the index could not answer for some package.
    public var incomplete: Bool { !skipped.isEmpty }
}

/// Why a step exists, which also orders the plan. `security` and `yanked` steps must be done;
/// the others are routine and bounded by `max-level`.
public enum StepKind: String, Hashable, Sendable, CaseIterable, Codable {
    case security, yanked, patch, minor, major

    /// Order of the phases: security and yanked fixes share the first.
    public var rank: Int {
        switch self {
        case .security, .yanked: 0
        case .patch: 1
        case .minor: 2
        case .major: 3
        }
    }

    public var isMandatory: Bool { rank == 0 }

    init(_ kind: UpdateKind) {
        switch kind {
        case .patch: self = .patch
        case .minor: self = .minor
        case .major: self = .major
        }
    }
}

/// One step: one package, or a group that must move together (boto3 with botocore and s3transfer).
public struct PlanStep: Hashable, Sendable {
    /// 1-based position in the plan.
    public var number: Int
    public var kind: StepKind
    /// The package the step is about; the others in `moves` follow it.
    public var package: String
    /// Every package the step changes or adds, the primary first, then by name.
    public var moves: [PackageMove]
    /// Remarks a reviewer must see (a security fix above max-level, a release younger than min-age).
    public var notes: [String]
    /// Numbers of earlier steps this one relies on: applying it alone without them may be inconsistent.
    public var dependsOn: [Int]

    public init(number: Int, kind: StepKind, package: String, moves: [PackageMove], notes: [String] = [], dependsOn: [Int] = []) {
        self.number = number; self.kind = kind; self.package = package; self.moves = moves
        self.notes = notes; self.dependsOn = dependsOn
    }

    /// Canonical names of the packages the step touches.
    public var packages: [String] { moves.map(\.name) }
}

/// One package's change within a step.
public struct PackageMove: Hashable, Sendable {
    /// Canonical name.
    public var name: String
    /// The name as the index spells it.
    public var displayName: String
    /// The version before the step (the index's key); nil when the step adds the package.
    public var from: String?
    public var to: String
    /// patch/minor/major between `from` and `to`; nil for an added package. A downgrade (a yanked
    /// release with no newer replacement) is still classified by the parts that differ.
    public var kind: UpdateKind?
    public var reasons: [PlanReason]
    /// `yyyy-mm-dd` of the first upload of `from` and `to`.
    public var fromReleased: CalendarDay?
    public var toReleased: CalendarDay?
    /// The project's changelog or release notes, else its page on the index.
    public var link: String?
    /// `sha256:<hex>` of every file the index publishes for `to`, sorted (as `pip-compile --generate-hashes` writes them).
    public var hashes: [String]
    /// Where the package is pinned (every entry), in source order; empty for an added package.
    public var locations: [SourceLocation]

    public init(name: String, displayName: String, from: String?, to: String, kind: UpdateKind?, reasons: [PlanReason],
                fromReleased: CalendarDay? = nil, toReleased: CalendarDay? = nil, link: String? = nil,
                hashes: [String] = [], locations: [SourceLocation] = []) {
        self.name = name; self.displayName = displayName; self.from = from; self.to = to; self.kind = kind
        self.reasons = reasons; self.fromReleased = fromReleased; self.toReleased = toReleased; self.link = link
        self.hashes = hashes; self.locations = locations
    }

    public var isAddition: Bool { from == nil }
}

/// Why a package moves.
public enum PlanReason: Hashable, Sendable {
    /// The pinned version is affected; `to` fixes it.
    case vulnerability(id: String, aliases: [String], summary: String?, link: String?)
    /// The pinned version is yanked.
    case yanked(reason: String?)
    /// A routine update of this kind.
    case update(UpdateKind)
    /// Moved because another package of the step requires it (`requirement` is the PEP 508 text).
    case requiredBy(package: String, version: String, requirement: String)
    /// Moved because its own requirement on a package of the step did not admit the new version.
    case accepts(package: String, version: String)

    /// One sentence for people.
    public var text: String {
        switch self {
        case .vulnerability(let id, let aliases, let summary, _):
            var s = "fixes \(id)"
            let others = aliases.filter { $0 != id }
            if !others.isEmpty { s += " (\(others.joined(separator: ", ")))" }
            if let summary, !summary.isEmpty { s += ": " + PlanReason.condensed(summary) }
            return s
        case .yanked(let reason):
            return "the pinned release is yanked" + (reason.map { " (\($0))" } ?? "")
        case .update(let kind):
            return "\(kind.rawValue) update"
        case .requiredBy(let package, let version, let requirement):
            return "required by \(package)==\(version) (`\(requirement)`)"
        case .accepts(let package, let version):
            return "this release accepts \(package)==\(version)"
        }
    }

    static func condensed(_ text: String) -> String {
        let oneLine = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard oneLine.count > 200 else { return oneLine }
        return String(oneLine.prefix(199)) + "…"
    }
}

/// An update the plan wanted but no consistent move exists for.
public struct BlockedUpdate: Hashable, Sendable {
    public var package: String
    public var from: String
    /// The release the plan tried first (the smallest fix, or the newest of the series); nil when
    /// no release could be tried (no fix is published).
    public var to: String?
    public var kind: StepKind
    /// The package whose requirement blocks the move, when one does (`boto3==1.34.0`).
    public var blocker: String?
    /// The blocking requirement as PEP 508 text (`botocore<1.35.0,>=1.34.0`), when one does.
    public var requirement: String?
    /// A full sentence saying why and what to do.
    public var reason: String

    public init(package: String, from: String, to: String?, kind: StepKind, blocker: String? = nil, requirement: String? = nil, reason: String) {
        self.package = package; self.from = from; self.to = to; self.kind = kind
        self.blocker = blocker; self.requirement = requirement; self.reason = reason
    }
}

/// A newer release the policy keeps out of the plan.
public struct HeldUpdate: Hashable, Sendable {
    public enum Cause: String, Hashable, Sendable, Codable {
        case frozen, maxLevel = "max-level", cooldown, localVersion = "local-version"
    }
    public var package: String
    /// The version the plan ends at for this package.
    public var current: String
    /// The newest release that was held back.
    public var latest: String
    public var cause: Cause
    public var reason: String

    public init(package: String, current: String, latest: String, cause: Cause, reason: String) {
        self.package = package; self.current = current; self.latest = latest; self.cause = cause; self.reason = reason
    }
}

/// A pinned package the plan could not consider.
public struct SkippedPackage: Hashable, Sendable {
    public var package: String
    public var reason: String
    public init(package: String, reason: String) { self.package = package; self.reason = reason }
}
