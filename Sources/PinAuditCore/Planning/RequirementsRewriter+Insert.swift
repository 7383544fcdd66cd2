import PythonPackaging

extension RequirementsRewriter {
    /// The comment line written above an added pin.
    public static let additionCommentPrefix = "# added by pinaudit: "

    /// Insertions of new pins: before the first requirement whose name sorts after the new one when
    /// the file's requirements are sorted by canonical name, else at the end of the file.
    static func insertions(_ additions: [PinAddition], in doc: PhysicalLines, text: String) -> [PhysicalLines.Edit] {
        guard !additions.isEmpty else { return [] }
        let requirements = requirementLines(text)
        let names = requirements.map(\.name)
        let sorted = zip(names, names.dropFirst()).allSatisfy { $0 <= $1 }
        let eol = doc.lineEnding
        let hashStyle = fileHashStyle(doc, requirements: requirements)

        var edits: [PhysicalLines.Edit] = []
        var atEnd: [PinAddition] = []
        for addition in additions.sorted(by: { PackageName.canonicalize($0.name) < PackageName.canonicalize($1.name) }) {
            let name = PackageName.canonicalize(addition.name)
            if sorted, let next = requirements.first(where: { $0.name > name }), let line = doc.index(ofLine: next.line) {
                edits.append(PhysicalLines.Edit(range: doc.lines[line].start..<doc.lines[line].start,
                                                replacement: block(addition, eol: eol, hashStyle: hashStyle) + eol))
            } else {
                atEnd.append(addition)
            }
        }
        if !atEnd.isEmpty {
            let endsWithBreak = doc.lines.last.map { $0.end > $0.contentEnd } ?? true
            let blocks = atEnd.map { block($0, eol: eol, hashStyle: hashStyle) }.joined(separator: eol)
            let text = (doc.scalars.isEmpty || endsWithBreak ? "" : eol) + blocks + (endsWithBreak ? eol : "")
            edits.append(PhysicalLines.Edit(range: doc.scalars.count..<doc.scalars.count, replacement: text))
        }
        return edits
    }

    /// `# added by pinaudit: …`, then the pin, with hashes when the file uses them.
    static func block(_ addition: PinAddition, eol: String, hashStyle: HashOptions.Style?) -> String {
        var text = additionCommentPrefix + addition.why + eol + "\(addition.name)==\(addition.version)"
        if let style = hashStyle {
            for hash in addition.hashes.sorted() {
                text += style.continuation + eol + style.indent + style.spelling + hash
            }
        }
        return text
    }

    /// The hash layout of the first requirement that has hashes; nil when none does.
    static func fileHashStyle(_ doc: PhysicalLines, requirements: [(line: Int, name: String)]) -> HashOptions.Style? {
        for requirement in requirements {
            guard let first = doc.index(ofLine: requirement.line) else { continue }
            let found = HashOptions.find(in: doc, lines: doc.logicalExtent(from: first))
            guard !found.isEmpty else { continue }
            var style = HashOptions.Style(of: found, in: doc)
            if !style.firstOnOwnLine || style.oneLine { style.indent = "    "; style.continuation = " \\" }
            return style
        }
        return nil
    }

    /// Lines that hold a named requirement, with its canonical name (options, includes, URLs without
    /// a name and editables are left out).
    static func requirementLines(_ text: String) -> [(line: Int, name: String)] {
        LogicalLines.preprocess(text, environment: [:]).compactMap { line in
            let (args, _) = LineOptions.breakArgsOptions(line.text)
            guard !args.isEmpty, let requirement = try? Requirement(args) else { return nil }
            return (line.number, requirement.canonicalName)
        }
    }
}
