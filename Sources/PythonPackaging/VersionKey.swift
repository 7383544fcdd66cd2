/// One piece of a local version label: numbers compare numerically and sort after text.
enum LocalSegment: Hashable, Comparable, Sendable, CustomStringConvertible {
    case text(String)
    case number(Int)

    var description: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        }
    }

    static func < (a: LocalSegment, b: LocalSegment) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): return Array(x.utf8).lexicographicallyPrecedes(Array(y.utf8))
        case (.number(let x), .number(let y)): return x < y
        case (.text, .number): return true
        case (.number, .text): return false
        }
    }
}

/// The parts of a version as the scanner found them.
struct VersionParts {
    var epoch = 0
    var release: [Int] = []
    var pre: (kind: Version.PreReleaseKind, number: Int)?
    var post: Int?
    var dev: Int?
    var local: [LocalSegment] = []
}

/// packaging's `_cmpkey`: (epoch, release without trailing zeros, six suffix ranks, local).
struct VersionKey: Hashable, Comparable, Sendable {
    var epoch: Int
    var release: ArraySlice<Int>
    var preRank: Int, preNumber: Int
    var postRank: Int, postNumber: Int
    var devRank: Int, devNumber: Int
    var local: [LocalSegment]?

    init(_ parts: VersionParts) {
        epoch = parts.epoch
        var end = parts.release.count
        while end > 0 && parts.release[end - 1] == 0 { end -= 1 }
        release = parts.release[0..<end]
        if let pre = parts.pre {
            preRank = pre.kind.rank; preNumber = pre.number
        } else if parts.post == nil && parts.dev != nil {
            preRank = -1; preNumber = 0  // dev-only sorts before every alpha
        } else {
            preRank = 3; preNumber = 0  // no pre-release sorts after rc
        }
        postRank = parts.post == nil ? 0 : 1
        postNumber = parts.post ?? 0
        devRank = parts.dev == nil ? 1 : 0
        devNumber = parts.dev ?? 0
        local = parts.local.isEmpty ? nil : parts.local
    }

    static func < (a: VersionKey, b: VersionKey) -> Bool {
        if a.epoch != b.epoch { return a.epoch < b.epoch }
        let common = min(a.release.count, b.release.count)
        var i = a.release.startIndex, j = b.release.startIndex
        for _ in 0..<common {
            let x = a.release[i], y = b.release[j]
            if x != y { return x < y }
            i += 1; j += 1
        }
        if a.release.count != b.release.count { return a.release.count < b.release.count }
        if a.preRank != b.preRank { return a.preRank < b.preRank }
        if a.preNumber != b.preNumber { return a.preNumber < b.preNumber }
        if a.postRank != b.postRank { return a.postRank < b.postRank }
        if a.postNumber != b.postNumber { return a.postNumber < b.postNumber }
        if a.devRank != b.devRank { return a.devRank < b.devRank }
        if a.devNumber != b.devNumber { return a.devNumber < b.devNumber }
        switch (a.local, b.local) {
        case (nil, nil), (.some, nil): return false
        case (nil, .some): return true
        case (.some(let x), .some(let y)): return x.lexicographicallyPrecedes(y)
        }
    }
}
