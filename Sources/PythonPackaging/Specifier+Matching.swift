extension Specifier {
    /// Whether `candidate` satisfies the operator, ignoring pre-release policy. `text` is the
    /// candidate as written, which `===` compares when given.
    func matches(_ candidate: Version, text: String?) -> Bool {
        switch op {
        case .arbitrary:
            return (text ?? candidate.description).lowercased() == version.lowercased()
        case .equal:
            return isEqual(candidate)
        case .notEqual:
            return !isEqual(candidate)
        case .lessEqual:
            return !(parsedVersion!.key < candidate.key.withoutLocal)
        case .greaterEqual:
            return !(candidate.key.withoutLocal < parsedVersion!.key)
        case .compatible:
            return !(candidate.key.withoutLocal < parsedVersion!.key) && prefix!.matches(candidate)
        case .less:
            return isLess(candidate)
        case .greater:
            return isGreater(candidate)
        }
    }

    private func isEqual(_ candidate: Version) -> Bool {
        if let prefix { return prefix.matches(candidate) }
        let spec = parsedVersion!
        // Without a local label in the spec, any local label of the candidate is ignored.
        return spec.isLocal ? candidate.key == spec.key : candidate.key.withoutLocal == spec.key
    }

    /// `<V` does not admit pre-releases of V unless V is one.
    private func isLess(_ candidate: Version) -> Bool {
        let spec = parsedVersion!
        guard candidate < spec else { return false }
        if let earliestPrerelease, candidate.isPrerelease, !(candidate < earliestPrerelease) { return false }
        return true
    }

    /// `>V` admits neither post-releases nor local versions of V (unless V is a post-release).
    private func isGreater(_ candidate: Version) -> Bool {
        let spec = parsedVersion!
        guard spec < candidate else { return false }
        if !spec.isPostrelease, candidate.isPostrelease,
           candidate.replacing(post: .some(nil), dev: .some(nil), local: []) == spec {
            return false
        }
        if candidate.isLocal, candidate.key.withoutLocal == spec.key { return false }
        return true
    }
}

extension VersionKey {
    /// The key of the public version (local label dropped).
    var withoutLocal: VersionKey {
        guard local != nil else { return self }
        var copy = self
        copy.local = nil
        return copy
    }
}
