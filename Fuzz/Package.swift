// swift-tools-version:6.0
// libFuzzer harness over pinaudit's readers of untrusted text. Not part of `swift test`: build and run
// it with `scripts/fuzz.sh TARGET SECONDS` (it needs swiftc's `-sanitize=fuzzer`, Linux toolchains).
import PackageDescription

let package = Package(
    name: "PinAuditFuzz",
    dependencies: [.package(name: "pinaudit", path: "..")],
    targets: [
        .executableTarget(
            name: "PinAuditFuzz",
            dependencies: [
                .product(name: "PinAuditCore", package: "pinaudit"),
                .product(name: "PackageIndexClient", package: "pinaudit"),
            ]
        ),
    ],
    swiftLanguageModes: [.v5]
)
