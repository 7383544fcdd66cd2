import CFuzzerDriver
import Foundation

/// The harness's entry point. SwiftPM links an executable's `main` to `PinAuditFuzz_main`, so
/// instead of libFuzzer's own `main` this one checks the target, then hands the flags to libFuzzer's
/// driver with the callback that runs each input through the target `PINAUDIT_FUZZ_TARGET` names.
/// A crash, a trap, a stack overflow, a timeout (`-timeout`) or an RSS over `-rss_limit_mb` is a finding.
@_cdecl("PinAuditFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    _ = FuzzTarget.selected
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        FuzzTarget.selected.run(bytes)
        return 0
    }
}
