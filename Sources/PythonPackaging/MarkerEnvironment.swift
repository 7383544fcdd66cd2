/// Values of PEP 508 marker variables for one target.
public struct MarkerEnvironment: Hashable, Sendable {
    public var values: [String: String]
    public init(_ values: [String: String]) { self.values = values }

    public enum Platform: String, Sendable, CaseIterable { case linux, macos, windows }

    /// A CPython target: `python_version` X.Y, `python_full_version` X.Y.0 unless given,
    /// platform values as CPython reports them on x86_64 (`linux`/`Linux`/`posix`, `darwin`/`Darwin`, `win32`/`Windows`/`nt`).
    public static func target(pythonVersion: String, platform: Platform) -> MarkerEnvironment {
        let parts = pythonVersion.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let short = parts.prefix(2).joined(separator: ".")
        let full = parts.count >= 3 ? pythonVersion : (parts.count == 1 ? "\(short).0.0" : "\(short).0")
        let (osName, sysPlatform, system, machine): (String, String, String, String) = switch platform {
        case .linux: ("posix", "linux", "Linux", "x86_64")
        case .macos: ("posix", "darwin", "Darwin", "x86_64")
        case .windows: ("nt", "win32", "Windows", "AMD64")
        }
        return MarkerEnvironment([
            "python_version": short,
            "python_full_version": full,
            "implementation_name": "cpython",
            "implementation_version": full,
            "platform_python_implementation": "CPython",
            "os_name": osName,
            "sys_platform": sysPlatform,
            "platform_system": system,
            "platform_machine": machine,
            "platform_release": "",
            "platform_version": "",
        ])
    }
}
