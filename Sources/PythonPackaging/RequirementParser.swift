/// Recursive descent over PEP 508 requirements, as packaging's `_parser.parse_requirement`,
/// with the same error messages and spans.
enum RequirementParser {
    /// `requirement = WS? IDENTIFIER WS? extras WS? requirement_details END`
    static func parse(_ text: String) throws -> Requirement {
        var t = DependencyTokenizer(text)
        t.consume(.whitespace)
        let name = try t.expect(.identifier, expected: "package name at the start of dependency specifier")
        t.consume(.whitespace)
        let extras = try parseExtras(&t)
        t.consume(.whitespace)
        let (url, specifier, markerNodes) = try parseDetails(&t)
        _ = try t.expect(.end, expected: "end of dependency specifier")
        let unique = Array(Set(extras)).sorted(by: Requirement.codePointOrder)
        return Requirement(name: name, extras: unique, specifier: try SpecifierSet(specifier),
                           url: url.isEmpty ? nil : url, marker: markerNodes.map { Marker(nodes: $0) })
    }

    /// `AT URL (WS requirement_marker?)? | specifier WS? requirement_marker?`
    private static func parseDetails(_ t: inout DependencyTokenizer) throws -> (String, String, [Marker.Node]?) {
        if t.take(.at) != nil {
            t.consume(.whitespace)
            let urlStart = t.position
            let url = try t.expect(.url, expected: "URL after @")
            if t.peek(.end) != nil { return (url, "", nil) }
            _ = try t.expect(.whitespace, expected: "whitespace after URL")
            if t.peek(.end) != nil { return (url, "", nil) }
            let marker = try parseRequirementMarker(&t, spanStart: urlStart, expected: "semicolon (after URL and whitespace)")
            return (url, "", marker)
        }
        let specifierStart = t.position
        let specifier = try parseSpecifier(&t)
        t.consume(.whitespace)
        if t.peek(.end) != nil { return ("", specifier, nil) }
        let expected = specifier.isEmpty
            ? "semicolon (after name with no version specifier)"
            : "comma (within version specifier), semicolon (after version specifier)"
        let marker = try parseRequirementMarker(&t, spanStart: specifierStart, expected: expected)
        return ("", specifier, marker)
    }

    /// `SEMICOLON marker WS?`
    private static func parseRequirementMarker(_ t: inout DependencyTokenizer, spanStart: Int, expected: String) throws -> [Marker.Node] {
        guard t.take(.semicolon) != nil else { throw t.error("Expected \(expected) or end", start: spanStart) }
        let marker = try MarkerParser.parseMarker(&t)
        t.consume(.whitespace)
        return marker
    }

    /// `('[' WS? extras_list? WS? ']')?`
    private static func parseExtras(_ t: inout DependencyTokenizer) throws -> [String] {
        guard t.peek(.leftBracket) != nil else { return [] }
        let open = t.position
        t.consume(.leftBracket)
        t.consume(.whitespace)
        var extras: [String] = []
        if let first = t.take(.identifier) {
            extras.append(first)
            while true {
                t.consume(.whitespace)
                if t.peek(.identifier) != nil { throw t.error("Expected comma between extra names") }
                guard t.take(.comma) != nil else { break }
                t.consume(.whitespace)
                extras.append(try t.expect(.identifier, expected: "extra name after comma"))
            }
        }
        t.consume(.whitespace)
        guard t.take(.rightBracket) != nil else {
            throw t.error("Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras", start: open)
        }
        return extras
    }

    /// `'(' WS? version_many WS? ')' | WS? version_many WS?`
    private static func parseSpecifier(_ t: inout DependencyTokenizer) throws -> String {
        let open: Int? = t.peek(.leftParenthesis) != nil ? t.position : nil
        if open != nil { t.consume(.leftParenthesis) }
        t.consume(.whitespace)
        var specifiers = ""
        while let end = t.peek(.specifier) {
            let start = t.position
            specifiers += t.take(.specifier)!
            if t.peek(.versionPrefixTrail) != nil {
                throw t.error(".* suffix can only be used with `==` or `!=` operators", start: start, end: end + 1)
            }
            if t.peek(.versionLocalLabelTrail) != nil {
                throw t.error("Local version label can only be used with `==` or `!=` operators", start: start)
            }
            t.consume(.whitespace)
            guard t.take(.comma) != nil else { break }
            specifiers += ","
            t.consume(.whitespace)
        }
        t.consume(.whitespace)
        if let open {
            guard t.take(.rightParenthesis) != nil else {
                throw t.error("Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier", start: open)
            }
        }
        return specifiers
    }
}
