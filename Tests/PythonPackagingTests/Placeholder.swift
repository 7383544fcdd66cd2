import Testing
@Test func placeholderPythonPackagingTests() { #expect(Bool(true)) }
