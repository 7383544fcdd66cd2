import PackageIndexClient
import Testing

/// The allocator tuning is C code that compiles to nothing off glibc: on glibc it must not.
@Suite("Allocator tuning")
struct ProcessMemoryTests {
    @Test func theTuningIsBuiltOnGlibc() throws {
        #if canImport(Glibc)
        #expect(ProcessMemory.isTunable, "pinaudit_tune_allocator was compiled without glibc's mallopt")
        #else
        try #require(!ProcessMemory.isTunable)
        #endif
        ProcessMemory.tuneForLargeDocuments()
    }
}
