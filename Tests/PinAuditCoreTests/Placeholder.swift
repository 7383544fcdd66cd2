import Testing
@Test func placeholderPinAuditCoreTests() { #expect(Bool(true)) }
