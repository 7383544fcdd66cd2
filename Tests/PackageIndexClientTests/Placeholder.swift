import Testing
@Test func placeholderPackageIndexClientTests() { #expect(Bool(true)) }
