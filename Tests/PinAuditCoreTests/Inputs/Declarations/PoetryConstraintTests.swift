import Testing
@testable import PinAuditCore

/// Poetry's constraint forms, as its documentation on dependency specification defines them.
@Suite struct PoetryConstraintTests {
    @Test(arguments: [
        ("^1.2.3", [">=1.2.3,<2.0.0"]), ("^1.2", [">=1.2,<2.0"]), ("^1", [">=1,<2"]),
        ("^0.2.3", [">=0.2.3,<0.3.0"]), ("^0.0.3", [">=0.0.3,<0.0.4"]), ("^0.0", [">=0.0,<0.1"]), ("^0", [">=0,<1"]),
        ("~1.2.3", [">=1.2.3,<1.3.0"]), ("~1.2", [">=1.2,<1.3"]), ("~1", [">=1,<2"]),
        ("1.2.*", ["==1.2.*"]), ("*", [""]), ("1.2.3", ["==1.2.3"]), ("==1.2.3", ["==1.2.3"]),
        (">= 1.2, < 1.5", [">=1.2,<1.5"]), (">=1.2 <1.5", [">=1.2,<1.5"]), ("!=1.2.2", ["!=1.2.2"]),
        ("~=1.4", ["~=1.4"]), ("^1.0 || ^2.0", [">=1.0,<2.0", ">=2.0,<3.0"]),
    ])
    func translatesToPEP440(_ constraint: String, _ expected: [String]) {
        #expect(PoetryConstraint.translate(constraint) == expected)
    }

    @Test(arguments: ["^", "~x", ">=", "banana", "1.2 @ 3"])
    func rejectsWhatIsNoConstraint(_ constraint: String) {
        #expect(PoetryConstraint.translate(constraint) == nil)
    }

    @Test func pythonConstraintsBecomeMarkers() {
        #expect(PoetryConstraint.pythonMarker("^3.9") == #"python_version >= "3.9" and python_version < "4.0""#)
        #expect(PoetryConstraint.pythonMarker("<3.11 || >=3.12") == #"(python_version < "3.11") or (python_version >= "3.12")"#)
    }
}
