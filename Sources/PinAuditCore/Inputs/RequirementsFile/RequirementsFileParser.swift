import PythonPackaging

/// Reads requirements and constraints files exactly as pip's `req_file` module does, following
/// `-r` and `-c` includes, and turns every line into a `RequirementEntry` or a finding.
/// Pure over values: files come through a `SourceFileReader`, variables through a dictionary.
public struct RequirementsFileParser: Sendable {
    public let reader: SourceFileReader
    /// Values for `${VAR}` expansion (pip reads them from the environment).
    public let environment: [String: String]
    /// Include chains deeper than this are reported instead of followed.
    public var maxIncludeDepth = 64
    /// Includes followed from one top-level file, all chains together: a chain of files that each
    /// include the next twice grows exponentially, which pip follows to the end and pinaudit stops.
    public var maxIncludes = 1000

    public init(reader: SourceFileReader, environment: [String: String] = [:]) {
        self.reader = reader
        self.environment = environment
    }

    /// A top-level file that cannot be read at all (missing, unreadable, binary): the run cannot go on.
    public struct UnreadableFile: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "cannot read \(path): \(reason)" }
    }

    /// Parses `path` (as the user would type it) and everything it includes.
    public func parse(path: String, asConstraint: Bool = false) throws -> SourceReading {
        let bytes: [UInt8]
        do { bytes = try reader.read(path) } catch {
            throw UnreadableFile(path: path, reason: "\(error)")
        }
        if TextDecoding.looksBinary(bytes) {
            throw UnreadableFile(path: path, reason: "it is a binary file, not a requirements file")
        }
        var reading = SourceReading()
        var walk = IncludeWalk()
        parseContent(bytes, path: path, constraint: asConstraint, chain: [], into: &reading, walk: &walk)
        return reading
    }

    /// What one top-level parse has followed: the include budget, and each file's bytes read once.
    private struct IncludeWalk {
        var followed = 0
        var budgetReported = false
        var contents: [String: [UInt8]] = [:]
    }

    private func parseContent(_ bytes: [UInt8], path: String, constraint: Bool, chain: [SourceLocation],
                              into reading: inout SourceReading, walk: inout IncludeWalk) {
        if !reading.files.contains(path) { reading.files.append(path) }
        let decoded = TextDecoding.decode(bytes)
        if let bad = decoded.invalidLine {
            reading.findings.append(Finding(rule: .parseError, location: SourceLocation(file: path, line: bad),
                message: "line \(bad) is not valid \(decoded.encoding) text; pip refuses the whole file. Save the file as UTF-8."))
        }
        let lines = LogicalLines.preprocess(decoded.text, environment: environment)
        let lineParser = RequirementLine(reader: reader)
        for line in lines {
            let location = SourceLocation(file: path, line: line.number)
            let (args, optionText) = LineOptions.breakArgsOptions(line.text)
            let options: LineOptions
            do {
                options = try LineOptions.parse(try LineOptions.shellSplit(optionText))
            } catch let problem as LineOptions.Problem {
                reading.findings.append(Finding(rule: .parseError, location: location,
                    message: "cannot parse `\(line.text.abbreviated)`: \(problem.message)."))
                continue
            } catch {
                continue
            }

            if !args.isEmpty || !options.editables.isEmpty {
                do {
                    var entry: RequirementEntry
                    if !args.isEmpty {
                        let parsed = try lineParser.parse(args)
                        entry = RequirementEntry(requirement: parsed.requirement, url: parsed.url, hashes: options.hashes,
                                                 isConstraint: constraint, location: location,
                                                 options: options.configSettings.map { "--config-settings=\($0)" }
                                                    + options.globalOptions.map { "--global-option=\($0)" })
                        entry.unnamedMarker = parsed.markerOnly
                    } else {
                        let parsed = try lineParser.parseEditable(options.editables[0])
                        entry = RequirementEntry(requirement: parsed.requirement, url: parsed.url, editable: true,
                                                 isConstraint: constraint, location: location)
                    }
                    reading.entries.append(entry)
                } catch let problem as RequirementLine.Problem {
                    reading.findings.append(Finding(rule: .parseError, location: location, message: problem.message))
                } catch {
                    reading.findings.append(Finding(rule: .parseError, location: location, message: "\(error)"))
                }
                continue
            }

            apply(options, at: location, to: &reading)
            if let include = options.requirements.first ?? options.constraints.first {
                let nestedConstraint = options.requirements.isEmpty
                follow(include, from: path, at: location, constraint: nestedConstraint, chain: chain, into: &reading, walk: &walk)
            }
        }
    }

    private func apply(_ options: LineOptions, at location: SourceLocation, to reading: inout SourceReading) {
        if !options.hashes.isEmpty {
            reading.findings.append(Finding(rule: .parseError, severity: .warning, location: location,
                message: "this line has --hash but no requirement, so pip ignores the hash: put it on the requirement's line."))
        }
        if options.noIndex { reading.options.noIndex = true }
        if let url = options.indexURL, reading.options.indexURL == nil {
            reading.options.indexURL = url
            reading.options.indexURLLocation = location
        }
        for url in options.extraIndexURLs where !reading.options.extraIndexURLs.contains(url) {
            reading.options.extraIndexURLs.append(url)
        }
        reading.options.findLinks += options.findLinks
        reading.options.trustedHosts += options.trustedHosts
        reading.options.onlyBinary += options.onlyBinary
        reading.options.noBinary += options.noBinary
        if options.pre { reading.options.pre = true }
        if options.preferBinary { reading.options.preferBinary = true }
        if options.requireHashes { reading.options.requireHashes = true }
    }

    private func follow(_ include: String, from path: String, at location: SourceLocation, constraint: Bool,
                        chain: [SourceLocation], into reading: inout SourceReading, walk: inout IncludeWalk) {
        let chain = chain + [location]
        let flag = constraint ? "-c" : "-r"
        func report(_ message: String) {
            let via = chain.map(\.description).joined(separator: " → ")
            reading.findings.append(Finding(rule: .includeError, location: location,
                message: "\(message) (include chain: \(via))."))
        }
        if let scheme = RequirementLine.scheme(include), ["http", "https", "file"].contains(scheme) {
            report("`\(flag) \(include)` names a remote file, which pinaudit does not fetch: download it next to this file and include it by path")
            return
        }
        let target = include.hasPrefix("/") ? SourcePath.normalize(include) : SourcePath.join(SourcePath.directory(of: path), include)
        if chain.contains(where: { $0.file == target }) || target == chain.first.map({ _ in path }) && target == path {
            report("`\(flag) \(include)` includes \(target) again, which makes an include cycle; pip would recurse forever")
            return
        }
        if chain.count > maxIncludeDepth {
            report("`\(flag) \(include)` is more than \(maxIncludeDepth) includes deep; pinaudit stops following here")
            return
        }
        if walk.followed >= maxIncludes {
            // One finding for the whole overflow: the includes left over are as many as the growth made.
            if !walk.budgetReported {
                walk.budgetReported = true
                report("`\(flag) \(include)` would be include number \(walk.followed + 1): the files include each other more than \(maxIncludes) times in all (a file included twice by each of several files grows exponentially); pinaudit stopped following includes here, so the files included from this point on were not read. Include each file once")
            }
            return
        }
        walk.followed += 1
        let bytes: [UInt8]
        if let known = walk.contents[target] {
            bytes = known
        } else {
            do { bytes = try reader.read(target) } catch {
                report("`\(flag) \(include)` cannot be read: \(error)")
                return
            }
            walk.contents[target] = bytes
        }
        if TextDecoding.looksBinary(bytes) {
            report("`\(flag) \(include)` is a binary file, not a requirements file")
            return
        }
        parseContent(bytes, path: target, constraint: constraint, chain: chain, into: &reading, walk: &walk)
    }
}
