@testable import PinAuditCore
import Testing

/// Lock commands are printed for people to paste into a shell: a lockfile path from a pull request
/// must stay one word, whatever it holds.
@Suite struct LockCommandTests {
    @Test func aPlainPathIsWrittenAsIs() {
        let command = LockCommand.command(lockfile: "services/api/pylock.toml", packages: [("flask", "3.0.3")])
        #expect(command == "uv lock --upgrade-package flask==3.0.3 && uv export --format pylock.toml -o services/api/pylock.toml")
    }

    @Test(arguments: [
        ("pylock.$(touch pwned).toml", "'pylock.$(touch pwned).toml'"),
        ("my dir/pylock.toml", "'my dir/pylock.toml'"),
        ("it's/pylock.toml", #"'it'\''s/pylock.toml'"#),
        ("a;b/pylock.dev.toml", "'a;b/pylock.dev.toml'"),
    ])
    func aPathWithShellCharactersIsQuoted(_ path: String, _ word: String) throws {
        let command = try #require(LockCommand.command(lockfile: path, packages: [("flask", "3.0.3")]))
        #expect(command.hasSuffix(" -o " + word), "\(command)")
    }
}
