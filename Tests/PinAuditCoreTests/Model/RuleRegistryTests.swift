import Foundation
import PinAuditCore
import Testing

/// Every rule has one descriptor, and `docs/rules.md` is generated from them.
@Suite struct RuleRegistryTests {
    static let reference = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/rules.md")

    @Test func everyRuleHasExactlyOneDescriptorInRuleOrder() {
        #expect(RuleRegistry.descriptors.map(\.rule) == Rule.allCases)
        for rule in Rule.allCases {
            #expect(RuleRegistry.descriptor(for: rule).rule == rule)
            #expect(rule.descriptor.id == rule.rawValue)
        }
    }

    @Test(arguments: RuleRegistry.descriptors)
    func everyDescriptorSaysWhatToDo(descriptor: RuleDescriptor) {
        #expect(descriptor.summary.hasSuffix("."), "\(descriptor.id)")
        #expect(descriptor.help.count > 20 && descriptor.help.hasSuffix("."), "\(descriptor.id)")
        #expect(descriptor.help.first?.isUppercase == true, "\(descriptor.id)")
    }

    @Test func severitiesAreTheDocumentedDefaults() {
        #expect(Rule.yanked.defaultSeverity == .error)
        #expect(Rule.outdated.defaultSeverity == .note)
        #expect(Rule.dependencyConfusion.defaultSeverity == .warning)
        #expect(RuleTable.severityText(.projectStatus) == "warning (error when quarantined)")
    }

    @Test func theRuleReferenceIsCurrent() throws {
        let current = RuleReference.markdown()
        if ProcessInfo.processInfo.environment["PINAUDIT_RECORD_DOCS"] == "1" {
            try current.write(to: Self.reference, atomically: true, encoding: .utf8)
            return
        }
        let text = try String(contentsOf: Self.reference, encoding: .utf8)
        #expect(current == text, "docs/rules.md is stale: run `PINAUDIT_RECORD_DOCS=1 swift test --filter RuleRegistryTests`")
        for descriptor in RuleRegistry.descriptors { #expect(text.contains(descriptor.help)) }
    }
}
