import Testing
@testable import PythonPackaging

/// A version text and what packaging makes of it (normalized nil: invalid).
struct VersionCase: CustomTestStringConvertible, Sendable {
    var text: String
    var normalized: String?
    var isPrerelease = false, isPostrelease = false, isDevrelease = false
    var publicText = "", baseText = ""

    init(_ text: String, _ normalized: String?) { self.text = text; self.normalized = normalized }

    init(_ text: String, _ normalized: String, pre: Bool, post: Bool, dev: Bool, public: String, base: String) {
        self.text = text; self.normalized = normalized
        isPrerelease = pre; isPostrelease = post; isDevrelease = dev; publicText = `public`; baseText = base
    }

    var testDescription: String { "\(text.debugDescription) → \(normalized ?? "invalid")" }
}

/// A valid specifier and its parts.
struct SpecifierCase: Sendable {
    var text: String, op: String, version: String, canonical: String
    var prereleases: Bool?

    init(_ text: String, op: String, version: String, canonical: String, prereleases: Bool?) {
        self.text = text; self.op = op; self.version = version; self.canonical = canonical; self.prereleases = prereleases
    }
}

/// A marker text: its str() form, or packaging's error (message nil: Python raised something other than a syntax error).
struct MarkerParseCase: CustomTestStringConvertible, Sendable {
    var text: String
    var normalized: String?
    var message: String?
    var span: Range<Int>?

    init(_ text: String, _ normalized: String?, message: String? = nil, span: Range<Int>? = nil) {
        self.text = text; self.normalized = normalized; self.message = message; self.span = span
    }

    var testDescription: String { text.debugDescription }
}

/// A requirement text: packaging's parts, or its error.
struct RequirementCase: CustomTestStringConvertible, Sendable {
    var text: String
    var name: String?
    var extras: [String] = []
    var specifier = "", url: String?, marker: String?, normalized: String?
    var error: String?
    var span: Range<Int>?
    var isValid: Bool { name != nil }

    init(_ text: String, name: String, extras: [String], specifier: String, url: String?, marker: String?, normalized: String) {
        self.text = text; self.name = name; self.extras = extras; self.specifier = specifier
        self.url = url; self.marker = marker; self.normalized = normalized
    }

    init(_ text: String, error: String?, span: Range<Int>? = nil) {
        self.text = text; self.error = error; self.span = span
    }

    var testDescription: String { text.debugDescription }
}

/// "TFT" → [true, false, true].
func flags(_ text: String) -> [Bool] { text.map { $0 == "T" } }

let prereleaseModes: [Bool?] = [nil, true, false]
