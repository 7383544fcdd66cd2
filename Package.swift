// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "pinaudit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "pinaudit", targets: ["pinaudit"]),
        .library(name: "PinAuditCore", targets: ["PinAuditCore"]),
        .library(name: "PythonPackaging", targets: ["PythonPackaging"]),
        // For the fuzz harness in Fuzz/ (its project-document target), which can only use products.
        .library(name: "PackageIndexClient", targets: ["PackageIndexClient"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.0.0"),
        // Tests only: the end-to-end tests read the workflow and action YAML to run their steps.
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // PEP 503 names, PEP 440 versions and specifiers, PEP 508 requirements and markers. Pure.
        .target(name: "PythonPackaging"),
        // Inputs, analyses, planning, reporting, config. Pure over values; the index is a protocol.
        .target(
            name: "PinAuditCore",
            dependencies: [
                "PythonPackaging",
                .product(name: "TOMLKit", package: "TOMLKit"),
                "CLibCrypto",
            ]
        ),
        // OpenSSL's libcrypto (SHA-256 for the plan fingerprint), through pkg-config: the system's copy,
        // which libcurl already loads, instead of building BoringSSL in every fresh build.
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // libcurl, through pkg-config.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // Typed wrappers for libcurl's variadic calls.
        .target(name: "CCurlShim", dependencies: ["CCurl"]),
        // zlib's raw inflate (and deflate, CRC-32) for wheel metadata.
        .target(name: "CZlibShim", linkerSettings: [.linkedLibrary("z")]),
        // glibc's allocator tuning for large response bodies.
        .target(name: "CAllocatorShim"),
        // The only code that touches the network or the cache folder.
        .target(name: "PackageIndexClient", dependencies: ["PinAuditCore", "PythonPackaging", "CCurlShim", "CZlibShim", "CAllocatorShim"]),
        .executableTarget(
            name: "pinaudit",
            dependencies: [
                "PinAuditCore", "PackageIndexClient", "PythonPackaging",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Rainbow", package: "Rainbow"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["PinAuditCore"], path: "Tests/TestSupport"),
        .testTarget(name: "PythonPackagingTests", dependencies: ["PythonPackaging"]),
        .testTarget(name: "PinAuditCoreTests", dependencies: ["PinAuditCore", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PackageIndexClientTests", dependencies: ["PackageIndexClient", "CCurlShim", "CZlibShim", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "PinAuditCore", "pinaudit", .product(name: "Yams", package: "Yams")], resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v5]
)
