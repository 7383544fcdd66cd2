import Testing
@testable import PythonPackaging

@Suite struct RequirementTests {
    @Test(arguments: RequirementTables.parsing)
    func parsesOrFailsLikePackaging(_ row: RequirementCase) {
        do {
            let requirement = try Requirement(row.text)
            guard row.isValid else {
                Issue.record("packaging rejects it: \(row.error ?? "")")
                return
            }
            #expect(requirement.name == row.name)
            #expect(requirement.extras == row.extras)
            #expect(requirement.specifier.normalizedDescription == row.specifier)
            #expect(requirement.url == row.url)
            #expect(requirement.marker?.description == row.marker)
            #expect(requirement.description == row.normalized)
        } catch let error as PackagingParseError {
            #expect(!row.isValid, "packaging accepts it: \(row.normalized ?? "")")
            if let message = row.error {
                #expect(error.message == message)
                #expect(error.underlineStart == row.span?.lowerBound)
                #expect(error.column == row.span?.upperBound)
            }
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test(arguments: RequirementTables.names)
    func namesLikePackaging(_ row: (name: String, canonical: String, valid: Bool)) {
        #expect(PackageName.canonicalize(row.name) == row.canonical)
        #expect(PackageName.isValid(row.name) == row.valid)
    }

    @Test func errorDescriptionPointsAtTheProblem() {
        do {
            _ = try Requirement("name >= 1.0 foo")
            Issue.record("expected an error")
        } catch let error as PackagingParseError {
            #expect(error.description == """
                expected comma (within version specifier), semicolon (after version specifier) or end, at column 12
                    name >= 1.0 foo
                         ~~~~~~~^
                """)
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }

    @Test func equalityFollowsPackaging() throws {
        #expect(try Requirement("Foo_Bar[b,a]>=1.0,<2") == Requirement("foo-bar [a,b] (<2, >=1.0.0)"))
        #expect(try Requirement("foo>=1") != Requirement("foo>1"))
    }
}
