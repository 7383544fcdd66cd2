import Foundation
@testable import PackageIndexClient
import PythonPackaging
import Testing
import TestSupport

/// The index client names projects as PEP 503 does (PythonPackaging's `PackageName.canonicalize`,
/// the same rule as packaging's `canonicalize_name`): runs of `-`, `_` and `.` become one `-`, also
/// at the ends of a name, which are kept rather than dropped.
@Suite("Project names the index is asked for")
struct ProjectNameCanonicalizationTests {
    @Test(arguments: [
        ("Flask_SQLAlchemy", "flask-sqlalchemy"),
        ("_Leading", "-leading"),
        ("trailing.", "trailing-"),
        ("__both__", "-both-"),
        ("a-_.b", "a-b"),
    ])
    func theClientAsksForThePEP503Name(_ written: String, _ canonical: String) async throws {
        let index = try FakeIndexServer()
        index.addProject(canonical, document: ProjectDocumentBuilder.project(name: canonical, releases: 1, filesPerRelease: 1))
        let client = TestEnvironment.client(index.jsonAPIURL)
        let facts = try #require(await client.project(written).value)
        #expect(facts.releases.count == 1)
        // The Simple API page first (this index has none), then the project document: both by the PEP 503 name.
        #expect(index.server.requests.map(\.path) == ["/simple/\(canonical)/", "/pypi/\(canonical)/json"])
    }

    @Test func distributionFileNamesAreMatchedWithTheSameRule() {
        #expect(PackageName.canonicalize("__both__") == "-both-")
        // The name part is found by its canonical form (else the last `-` splits): `_weird_` is `-weird-`.
        #expect(DistributionFilename("_weird_-1.0-x.tar.gz", project: "-weird-")?.version == "1.0-x")
        #expect(DistributionFilename("weird-1.0-x.tar.gz", project: "-weird-")?.version == "x")
    }
}
