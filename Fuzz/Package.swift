// swift-tools-version:6.0
// libFuzzer harness over pinaudit's readers of untrusted text. Not part of `swift test`: build and run
// it with `scripts/fuzz.sh TARGET SECONDS` (it needs swiftc's `-sanitize=fuzzer`, Linux toolchains).
import PackageDescription

let package = Package(
    name: "PinAuditFuzz",
    dependencies: [.package(name: "pinaudit", path: "..")],
    targets: [
        // libFuzzer's driver, declared for Swift (the runtime comes with -sanitize=fuzzer).
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "PinAuditFuzz",
            dependencies: [
                "CFuzzerDriver",
                .product(name: "PinAuditCore", package: "pinaudit"),
                .product(name: "PackageIndexClient", package: "pinaudit"),
            ]
        ),
    ],
    swiftLanguageModes: [.v5]
)
