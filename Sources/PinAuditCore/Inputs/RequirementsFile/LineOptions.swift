/// The options pip accepts on a requirements-file line, parsed as pip's optparse parser does
/// (`pip._internal.req.req_file.build_parser`), including long-option abbreviations and `--opt=value`.
struct LineOptions: Equatable {
    var indexURL: String?
    var extraIndexURLs: [String] = []
    var noIndex = false
    var constraints: [String] = []
    var requirements: [String] = []
    var editables: [String] = []
    var findLinks: [String] = []
    var noBinary: [String] = []
    var onlyBinary: [String] = []
    var preferBinary = false
    var requireHashes = false
    var pre = false
    var trustedHosts: [String] = []
    var features: [String] = []
    var globalOptions: [String] = []
    /// `alg:hex`, in written order.
    var hashes: [String] = []
    var configSettings: [String] = []

    /// A problem optparse (or one of pip's option callbacks) would reject the line for.
    struct Problem: Error, Equatable { var message: String }

    private enum Kind { case flag, value }
    private struct Spec { var names: [String]; var kind: Kind; var apply: (inout LineOptions, String) throws -> Void }

    private static let specs: [Spec] = [
        Spec(names: ["-i", "--index-url", "--pypi-url"], kind: .value) { $0.indexURL = $1 },
        Spec(names: ["--extra-index-url"], kind: .value) { $0.extraIndexURLs.append($1) },
        Spec(names: ["--no-index"], kind: .flag) { o, _ in o.noIndex = true },
        Spec(names: ["-c", "--constraint"], kind: .value) { $0.constraints.append($1) },
        Spec(names: ["-r", "--requirement"], kind: .value) { $0.requirements.append($1) },
        Spec(names: ["-e", "--editable"], kind: .value) { $0.editables.append($1) },
        Spec(names: ["-f", "--find-links"], kind: .value) { $0.findLinks.append($1) },
        Spec(names: ["--no-binary"], kind: .value) { o, v in try binaryValue(v); o.noBinary.append(v) },
        Spec(names: ["--only-binary"], kind: .value) { o, v in try binaryValue(v); o.onlyBinary.append(v) },
        Spec(names: ["--prefer-binary"], kind: .flag) { o, _ in o.preferBinary = true },
        Spec(names: ["--require-hashes"], kind: .flag) { o, _ in o.requireHashes = true },
        Spec(names: ["--pre"], kind: .flag) { o, _ in o.pre = true },
        Spec(names: ["--trusted-host"], kind: .value) { $0.trustedHosts.append($1) },
        Spec(names: ["--use-feature"], kind: .value) { o, v in
            let choices = ["fast-deps", "truststore", "no-binary-enable-wheel-cache"]
            guard choices.contains(v) else {
                throw Problem(message: "option --use-feature: invalid choice: '\(v)' (choose from \(choices.map { "'\($0)'" }.joined(separator: ", ")))")
            }
            o.features.append(v)
        },
        Spec(names: ["--global-option"], kind: .value) { $0.globalOptions.append($1) },
        Spec(names: ["--hash"], kind: .value) { o, v in
            guard let colon = v.firstIndex(of: ":") else {
                throw Problem(message: "Arguments to --hash must be a hash name followed by a value, like --hash=sha256:abcde...")
            }
            let alg = String(v[..<colon])
            guard ["sha256", "sha384", "sha512"].contains(alg) else {
                throw Problem(message: "Allowed hash algorithms for --hash are sha256, sha384, sha512.")
            }
            o.hashes.append(v)
        },
        Spec(names: ["--config-settings"], kind: .value) { o, v in
            guard v.contains("=") else { throw Problem(message: "Arguments to --config-settings must be of the form KEY=VAL") }
            o.configSettings.append(v)
        },
    ]

    private static func binaryValue(_ v: String) throws {
        if v.hasPrefix("-") { throw Problem(message: "--no-binary / --only-binary option requires 1 argument.") }
    }

    private static let longNames: [String] = specs.flatMap(\.names).filter { $0.hasPrefix("--") }

    /// Parses shell-split arguments like optparse: positional leftovers are ignored, as pip ignores them.
    static func parse(_ args: [String]) throws -> LineOptions {
        var options = LineOptions()
        var i = 0
        while i < args.count {
            let arg = args[i]
            i += 1
            if arg == "--" { break }
            if arg.hasPrefix("--") {
                var name = arg
                var inlineValue: String?
                if let eq = arg.firstIndex(of: "=") {
                    name = String(arg[..<eq])
                    inlineValue = String(arg[arg.index(after: eq)...])
                }
                let full = try resolveLong(name)
                let spec = specs.first { $0.names.contains(full) }!
                switch spec.kind {
                case .flag:
                    if inlineValue != nil { throw Problem(message: "\(full) option does not take a value") }
                    try spec.apply(&options, "")
                case .value:
                    if let inlineValue {
                        try spec.apply(&options, inlineValue)
                    } else {
                        guard i < args.count else { throw Problem(message: "\(full) option requires 1 argument") }
                        try spec.apply(&options, args[i]); i += 1
                    }
                }
            } else if arg.hasPrefix("-") && arg.count > 1 {
                // Short options; optparse allows a value glued on (`-rfile.txt`).
                let chars = Array(arg.dropFirst())
                var k = 0
                while k < chars.count {
                    let flag = "-" + String(chars[k])
                    guard let spec = specs.first(where: { $0.names.contains(flag) }) else {
                        throw Problem(message: "no such option: \(flag)")
                    }
                    k += 1
                    switch spec.kind {
                    case .flag:
                        try spec.apply(&options, "")
                    case .value:
                        if k < chars.count {
                            try spec.apply(&options, String(chars[k...])); k = chars.count
                        } else {
                            guard i < args.count else { throw Problem(message: "\(flag) option requires 1 argument") }
                            try spec.apply(&options, args[i]); i += 1
                        }
                    }
                }
            }
            // Anything else is a positional argument, which pip ignores on option lines.
        }
        return options
    }

    /// optparse accepts any unambiguous prefix of a long option.
    private static func resolveLong(_ name: String) throws -> String {
        if longNames.contains(name) { return name }
        let matches = longNames.filter { $0.hasPrefix(name) }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty { throw Problem(message: "no such option: \(name)") }
        throw Problem(message: "ambiguous option: \(name) (\(matches.joined(separator: ", "))?)")
    }

    /// pip's `break_args_options`: tokens split on single spaces; the requirement is every token
    /// before the first one starting with `-`.
    static func breakArgsOptions(_ line: String) -> (args: String, options: String) {
        let bytes = line.utf8
        if bytes.first != UInt8(ascii: "-") {
            // Fast path: no token after a space starts with `-`.
            var previousSpace = false, found = false
            for b in bytes {
                if previousSpace && b == UInt8(ascii: "-") { found = true; break }
                previousSpace = b == 0x20
            }
            if !found { return (line, "") }
        }
        let tokens = line.split(separator: " ", omittingEmptySubsequences: false)
        var argEnd = 0
        while argEnd < tokens.count && !tokens[argEnd].hasPrefix("-") { argEnd += 1 }
        return (tokens[..<argEnd].joined(separator: " "), tokens[argEnd...].joined(separator: " "))
    }

    /// `shlex.split` in POSIX mode without comments.
    static func shellSplit(_ text: String) throws -> [String] {
        // Fast path: nothing to unquote or unescape.
        if !text.utf8.contains(where: { $0 == 0x22 || $0 == 0x27 || $0 == 0x5C }) {
            return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
        }
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escape = false
        for ch in text {
            if escape {
                // Inside double quotes, a backslash escapes only \ " $ ` and newline.
                if quote == "\"" && !["\\", "\"", "$", "`", "\n"].contains(ch) { current.append("\\") }
                current.append(ch); escape = false; continue
            }
            if let q = quote {
                if ch == q { quote = nil }
                else if ch == "\\" && q == "\"" { escape = true }
                else { current.append(ch) }
                continue
            }
            if ch == "\\" { escape = true; inWord = true; continue }
            if ch == "'" || ch == "\"" { quote = ch; inWord = true; continue }
            if ch == " " || ch == "\t" || ch == "\n" || ch == "\r" {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(ch); inWord = true
        }
        if quote != nil { throw Problem(message: "No closing quotation") }
        if escape { throw Problem(message: "No escaped character") }
        if inWord { words.append(current) }
        return words
    }
}
