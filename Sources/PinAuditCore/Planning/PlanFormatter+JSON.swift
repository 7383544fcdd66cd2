import CLibCrypto

extension PlanFormatter {
    /// Version of the JSON layout; raised when a field changes meaning or disappears.
    public static let schemaVersion = 1

    /// The plan as JSON: `schema_version`, `fingerprint`, `today`, `targets`, `incomplete`, `steps`,
    /// `blocked`, `held`, `skipped`. Keys keep this order. Control and bidi characters are JSON
    /// escapes and a link that is not a web link is null (`OutputSanitizer`).
    public static func json(_ plan: Plan) -> String {
        var pairs: [(String, JSONValue)] = [
            ("schema_version", .int(schemaVersion)),
            ("fingerprint", .string(plan.fingerprint)),
            ("today", .string(plan.today.description)),
        ]
        pairs += content(plan)
        return OutputSanitizer.jsonDocument(JSONValue.object(pairs).rendered(pretty: true)) + "\n"
    }

    /// sha256 hex of the plan's content: steps, blocked, held, skipped and targets, rendered as
    /// compact JSON. The day and the fingerprint itself are left out, so a plan made on another day
    /// with the same content has the same fingerprint.
    public static func fingerprint(_ plan: Plan) -> String {
        let canonical = JSONValue.object(content(plan)).rendered(pretty: false)
        let bytes = Array(canonical.utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = bytes.withUnsafeBufferPointer { SHA256($0.baseAddress, $0.count, &digest) }
        return digest.map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    static func content(_ plan: Plan) -> [(String, JSONValue)] {
        [
            ("targets", .strings(plan.targets)),
            ("incomplete", .bool(plan.incomplete)),
            ("steps", .array(plan.steps.map(step))),
            ("blocked", .array(plan.blocked.map(blocked))),
            ("held", .array(plan.held.map { h in
                .object([("package", .string(h.package)), ("current", .string(h.current)), ("latest", .string(h.latest)),
                         ("cause", .string(h.cause.rawValue)), ("reason", .string(h.reason))])
            })),
            ("skipped", .array(plan.skipped.map { .object([("package", .string($0.package)), ("reason", .string($0.reason))]) })),
        ]
    }

    static func step(_ step: PlanStep) -> JSONValue {
        .object([
            ("number", .int(step.number)),
            ("kind", .string(step.kind.rawValue)),
            ("package", .string(step.package)),
            ("depends_on", .array(step.dependsOn.map(JSONValue.int))),
            ("packages", .array(step.moves.map(move))),
            ("notes", .strings(step.notes)),
        ])
    }

    static func move(_ move: PackageMove) -> JSONValue {
        .object([
            ("name", .string(move.name)),
            ("display_name", .string(move.displayName)),
            ("from", .optional(move.from)),
            ("to", .string(move.to)),
            ("kind", .optional(move.kind?.rawValue)),
            ("added", .bool(move.isAddition)),
            ("reasons", .array(move.reasons.map(reason))),
            ("from_released", .optional(move.fromReleased?.description)),
            ("to_released", .optional(move.toReleased?.description)),
            ("link", .optional(OutputSanitizer.webLink(move.link))),
            ("locations", .strings(move.locations.map(\.description))),
            ("hashes", .strings(move.hashes)),
        ])
    }

    static func reason(_ reason: PlanReason) -> JSONValue {
        var pairs: [(String, JSONValue)]
        switch reason {
        case .vulnerability(let id, let aliases, let summary, let link):
            pairs = [("type", .string("vulnerability")), ("id", .string(id)), ("aliases", .strings(aliases)),
                     ("summary", .optional(summary)), ("link", .optional(OutputSanitizer.webLink(link)))]
        case .yanked(let why):
            pairs = [("type", .string("yanked")), ("yanked_reason", .optional(why))]
        case .update(let kind):
            pairs = [("type", .string("update")), ("kind", .string(kind.rawValue))]
        case .requiredBy(let package, let version, let requirement):
            pairs = [("type", .string("required-by")), ("package", .string(package)), ("version", .string(version)),
                     ("requirement", .string(requirement))]
        case .accepts(let package, let version):
            pairs = [("type", .string("accepts")), ("package", .string(package)), ("version", .string(version))]
        }
        pairs.append(("text", .string(reason.text)))
        return .object(pairs)
    }

    static func blocked(_ b: BlockedUpdate) -> JSONValue {
        .object([
            ("package", .string(b.package)),
            ("from", .string(b.from)),
            ("to", .optional(b.to)),
            ("kind", .string(b.kind.rawValue)),
            ("blocker", .optional(b.blocker)),
            ("requirement", .optional(b.requirement)),
            ("reason", .string(b.reason)),
        ])
    }
}
