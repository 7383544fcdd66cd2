import Foundation

/// Folders found from a test file's path, at whatever depth of its test target the file is (tests
/// mirror the source folders, so `Tests/PinAuditCoreTests/Inputs/Lockfiles/X.swift` is three levels
/// below its target's folder).
public enum TestFolders {
    /// The test target's folder (`Tests/<Target>`) holding `file`.
    public static func target(of file: String) -> URL {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.pathComponents.count > 1, url.deletingLastPathComponent().lastPathComponent != "Tests" {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// The package's root (the folder holding `Tests/`) of `file`.
    public static func packageRoot(of file: String) -> URL {
        target(of: file).deletingLastPathComponent().deletingLastPathComponent()
    }
}
