import Testing
@testable import PythonPackaging

@Suite struct VersionTests {
    @Test(arguments: VersionTables.parsing)
    func parsesLikePackaging(_ row: VersionCase) {
        let version = Version.parse(row.text)
        #expect(version?.description == row.normalized)
        guard let version else { return }
        #expect(version.isPrerelease == row.isPrerelease)
        #expect(version.isPostrelease == row.isPostrelease)
        #expect(version.isDevrelease == row.isDevrelease)
        #expect(version.publicVersion.description == row.publicText)
        #expect(version.baseVersion.description == row.baseText)
        // The normalized form parses back to an equal version.
        #expect(Version.parse(version.description) == version)
    }

    @Test func invalidVersionThrowsWithTheText() {
        #expect(throws: PackagingParseError(text: "1.0+", message: "Invalid version: '1.0+'")) { try Version("1.0+") }
    }

    @Test func orderMatchesPackagingForAllPairs() throws {
        let rows = VersionTables.ordered
        let versions = try rows.map { try Version($0.text) }
        for i in versions.indices {
            for j in versions.indices {
                let (a, b) = (versions[i], versions[j])
                let (ra, rb) = (rows[i].rank, rows[j].rank)
                #expect((a < b) == (ra < rb), "\(rows[i].text) < \(rows[j].text)")
                #expect((a == b) == (ra == rb), "\(rows[i].text) == \(rows[j].text)")
                if a == b { #expect(a.hashValue == b.hashValue, "hash of \(rows[i].text) and \(rows[j].text)") }
            }
        }
        #expect(versions.sorted().map(\.description) == versions.map(\.description).sorted { try! Version($0) < Version($1) })
    }

    @Test(arguments: [("3.2.0", "3.2"), ("1.0", "1.0.0.0"), ("1.0+ABC", "1.0+abc"), ("1.0+01", "1.0+1"), ("1.0a", "1.0a0"),
                      ("1.0-1", "1.0.post1"), ("v1!1.0", "1!1")])
    func equalVersionsHashAlike(_ pair: (String, String)) throws {
        let (a, b) = (try Version(pair.0), try Version(pair.1))
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
    }

    @Test func partsAndAccessors() throws {
        let v = try Version("1!2.3.4rc5.post6.dev7+Ubuntu-1")
        #expect(v.epoch == 1 && v.release == [2, 3, 4] && v.post == 6 && v.dev == 7)
        #expect(v.pre?.kind == .rc && v.pre?.number == 5)
        #expect(v.local == ["ubuntu", "1"])
        #expect(v.major == 2 && v.minor == 3 && v.micro == 4 && v.releasePart(7) == 0)
        #expect(Version(epoch: 1, release: [2, 3, 4], pre: (.rc, 5), post: 6, dev: 7, local: ["Ubuntu", "01"]) == v)
        #expect(v.replacing(post: .some(nil)).description == "1!2.3.4rc5.dev7+ubuntu.1")
    }

    @Test func bigNumbersWorkUntilIntOverflows() throws {
        #expect(try Version("20230101.1").release == [20230101, 1])
        #expect(try Version("9223372036854775807").release == [Int.max])
        #expect(Version.parse("9223372036854775808") == nil)
    }
}
