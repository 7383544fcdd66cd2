@testable import PackageIndexClient
import Testing

/// File names → version and kind, read byte by byte (`DistributionFilename`), against what the
/// rules give: wheels' second field with `_` as `-`; sdists split where the name part is the project.
@Suite struct DistributionFilenameTests {
    @Test(arguments: [
        ("Flask-3.0.0-py3-none-any.whl", "flask", "3.0.0", "bdist_wheel"),
        ("flask-3.0.0.tar.gz", "flask", "3.0.0", "sdist"),
        ("Flask_SQLAlchemy-3.1.1-py3-none-any.WHL", "flask-sqlalchemy", "3.1.1", "bdist_wheel"),
        ("zope.interface-5.0_rc1-py2.egg", "zope-interface", "5.0-rc1", "bdist_egg"),
        ("python-dateutil-2.8.2.tar.gz", "python-dateutil", "2.8.2", "sdist"),
        ("Python_Dateutil-2.8.2.ZIP", "python-dateutil", "2.8.2", "sdist"),
        ("other-name-1.0.tar.bz2", "something-else", "1.0", "sdist"),
        ("café-1.0.tar.gz", "café", "1.0", "sdist"),
        ("weird--name-2.0.tgz", "weird-name", "2.0", "sdist"),
    ])
    func namesGiveVersionAndKind(_ file: String, _ project: String, _ version: String, _ kind: String) throws {
        let parsed = try #require(DistributionFilename(file, project: project))
        #expect(parsed.version == version && parsed.packageType == kind)
    }

    @Test(arguments: ["flask.whl", "flask-.tar.gz", "flask--py3-none-any.whl", "flask-1.0.rpm", "nodash.tar.gz"])
    func namesThatDoNotFitAreNil(_ file: String) {
        #expect(DistributionFilename(file, project: "flask") == nil)
    }
}
