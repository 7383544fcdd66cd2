import Foundation
import PinAuditCore
import Testing

/// scripts/build-release.sh and scripts/check-binary.sh: a binary that runs without a Swift toolchain.
@Suite struct ReleaseBinaryTests {
    static let root = ReleaseBuild.packageRoot
    static let checkTools = ["bash", "ldd", "readelf"]

    #if os(Linux)
    @Test(.enabled(if: ReleaseTestGate.runs(slow: true, needing: checkTools),
                   Comment(rawValue: ReleaseTestGate.skipReason(slow: true, needing: checkTools))),
          .timeLimit(.minutes(60)))
    func releaseBinaryNeedsNoSwiftRuntime() async throws {
        try ReleaseTestGate.requireTools(Self.checkTools)
        let binary = try await ReleaseBuild.binary()
        let check = try ExternalCommand.expectSuccess("bash", ["scripts/check-binary.sh", binary.path], in: Self.root)
        #expect(check.stdout.contains("ok: ldd lists no Swift runtime library"))
        #expect(check.stdout.contains("ok: --version runs without the toolchain: \(PinAuditVersion.current)"))
        #expect(check.stdout.contains("ok: check --no-index runs without the toolchain"))
        #expect(!check.stdout.contains("libswift"))
        // Only C libraries, the ones the README names: libcurl (and what it loads), zlib, libcrypto, glibc, libstdc++.
        let direct = try ExternalCommand.expectSuccess("readelf", ["-d", binary.path], in: Self.root).stdout
            .split(separator: "\n").filter { $0.contains("(NEEDED)") }
            .compactMap { $0.split(separator: "[").last?.dropLast() }.map(String.init)
        let allowed = ["libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
                       "libcurl.so.4", "libz.so.1", "libcrypto.so.3"]
        #expect(!direct.isEmpty)
        #expect(direct.filter { !allowed.contains($0) } == [], "the release binary needs \(direct)")
        let size = try FileManager.default.attributesOfItem(atPath: binary.path)[.size] as? Int ?? 0
        print("ReleaseBinaryTests: the stripped release binary is \(size / 1_000_000) MB")
    }

    /// The check can fail: the debug binary the other tests run links the Swift runtime from the toolchain.
    @Test(.enabled(if: ReleaseTestGate.runs(slow: false, needing: checkTools),
                   Comment(rawValue: ReleaseTestGate.skipReason(slow: false, needing: checkTools))))
    func checkRejectsABinaryThatNeedsTheSwiftRuntime() throws {
        try ReleaseTestGate.requireTools(Self.checkTools)
        let result = try ExternalCommand("bash", ["scripts/check-binary.sh", CLIRunner.binary.path], in: Self.root).run()
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("still needs the Swift runtime"))
        #expect(result.stderr.contains("libswiftCore.so"))
    }
    #endif

    @Test func checkNamesAMissingBinary() throws {
        let result = try ExternalCommand("bash", ["scripts/check-binary.sh", "no/such/pinaudit"], in: Self.root).run()
        #expect(result.status == 1)
        #expect(result.stderr.contains("no/such/pinaudit is not an executable file: build one with scripts/build-release.sh OUT_DIR."))
    }

    @Test func scriptsTakeTheirDocumentedArguments() throws {
        let build = try ExternalCommand("bash", ["scripts/build-release.sh", "a", "b"], in: Self.root).run()
        #expect(build.status == 2)
        #expect(build.stderr.contains("usage: scripts/build-release.sh [OUT_DIR]"))
        let check = try ExternalCommand("bash", ["scripts/check-binary.sh"], in: Self.root).run()
        #expect(check.status == 2)
        #expect(check.stderr.contains("usage: scripts/check-binary.sh BINARY"))
    }
}
