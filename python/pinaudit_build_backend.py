"""pinaudit's in-tree PEP 517 build backend: a wheel that installs the native ``pinaudit`` binary.

It needs nothing from the package index (``requires = []``). ``build_wheel`` runs
``scripts/build-release.sh`` (a release build with the Swift standard library linked statically,
so it needs a Swift toolchain and libcurl's headers) and packs the binary as the wheel's
``pinaudit`` script, the way uv's and ruff's wheels ship theirs. To pack a binary built before,
set ``PINAUDIT_PREBUILT_BINARY`` to its path (or pass ``-C binary=PATH`` to pip or uv): nothing is
compiled then. Either way the binary must answer ``--version`` with the version in the sources.
"""

import io
import os
import subprocess
import sys
import sysconfig
import tarfile
import tempfile

from pinaudit_wheel import ScriptWheel

PREBUILT_BINARY_VARIABLE = "PINAUDIT_PREBUILT_BINARY"
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_VERSION_SOURCE = os.path.join("Sources", "PinAuditCore", "Reporting", "JSONFormatter.swift")
_VERSION_PREFIX = 'public static let current = "'
# What a source distribution holds: enough for `swift build` (SwiftPM wants every target's folder,
# tests included) and for this backend.
_SDIST_FILES = ["pyproject.toml", "Package.swift", "README.md", "scripts/build-release.sh", "scripts/check-binary.sh"]
_SDIST_FOLDERS = ["Sources", "Tests", "python"]


class BuildError(Exception):
    """A build that cannot go on; the message says what to do."""


def _read(relative_path):
    with open(os.path.join(_ROOT, relative_path), encoding="utf-8") as handle:
        return handle.read()


def _version():
    for line in _read(_VERSION_SOURCE).splitlines():
        line = line.strip()
        if line.startswith(_VERSION_PREFIX) and line.endswith('"'):
            return line[len(_VERSION_PREFIX):-1]
    raise BuildError("%s has no line `%s...\"`: the backend reads pinaudit's version from there." % (_VERSION_SOURCE, _VERSION_PREFIX))


def _project_table():
    """The string values of pyproject.toml's [project] table (only `key = "text"` lines are needed)."""
    values, inside = {}, False
    for line in _read("pyproject.toml").splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped == "[project]"
        elif inside and "=" in stripped:
            key, _, value = stripped.partition("=")
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                values[key.strip()] = value[1:-1]
    for key in ("name", "description"):
        if key not in values:
            raise BuildError('pyproject.toml: [project] needs `%s = "..."`.' % key)
    return values


def _metadata_text():
    project = _project_table()
    lines = [
        "Metadata-Version: 2.1",
        "Name: " + project["name"],
        "Version: " + _version(),
        "Summary: " + project["description"],
    ]
    if "requires-python" in project:
        lines.append("Requires-Python: " + project["requires-python"])
    body = ""
    if "readme" in project:
        lines.append("Description-Content-Type: text/markdown")
        body = "\n" + _read(project["readme"])
    return "\n".join(lines) + "\n" + body


def _platform_tag():
    """The honest tag for a binary linked against this system's libcurl: `linux_x86_64` and the like.

    A manylinux tag would promise that the wheel runs on every distribution of that glibc; it does
    only after `auditwheel repair` grafts libcurl and its dependencies into the wheel (see the README).
    """
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def _wheel():
    return ScriptWheel(
        name=_project_table()["name"],
        version=_version(),
        tag="py3-none-" + _platform_tag(),
        metadata_text=_metadata_text(),
        generator="pinaudit_build_backend " + _version(),
    )


def _prebuilt_binary(config_settings):
    path = (config_settings or {}).get("binary") or os.environ.get(PREBUILT_BINARY_VARIABLE)
    if not path:
        return None
    path = os.path.abspath(os.path.expanduser(path))
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise BuildError("%s=%s is not an executable file: build one with scripts/build-release.sh OUT_DIR, or unset it to build from source." % (PREBUILT_BINARY_VARIABLE, path))
    return path


def _build_binary(directory):
    script = os.path.join(_ROOT, "scripts", "build-release.sh")
    if not any(os.access(os.path.join(folder, "swift"), os.X_OK) for folder in os.environ.get("PATH", "").split(os.pathsep)):
        raise BuildError(
            "Building pinaudit from source needs a Swift toolchain (`swift` on PATH) and libcurl's headers. "
            "Install them, or set %s to a pinaudit binary built elsewhere (scripts/build-release.sh OUT_DIR)." % PREBUILT_BINARY_VARIABLE)
    print("pinaudit: building the release binary with scripts/build-release.sh (a few minutes)", file=sys.stderr, flush=True)
    result = subprocess.run(["bash", script, directory], cwd=_ROOT, stdout=subprocess.DEVNULL)
    if result.returncode != 0:
        raise BuildError("scripts/build-release.sh failed with exit code %d; its output above says why." % result.returncode)
    return os.path.join(directory, "pinaudit")


def _check_version(binary):
    expected = _version()
    try:
        answer = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60)
    except OSError as error:
        raise BuildError("%s cannot run here (%s): a wheel must hold a binary for this platform." % (binary, error))
    said = answer.stdout.strip()
    if answer.returncode != 0 or said != expected:
        raise BuildError("%s --version says %r, but the sources say %s: pack the binary built from these sources." % (binary, said or answer.stderr.strip(), expected))


# PEP 517 hooks.

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    return _wheel().write_dist_info(metadata_directory)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    wheel = _wheel()
    binary = _prebuilt_binary(config_settings)
    with tempfile.TemporaryDirectory(prefix="pinaudit-wheel-") as scratch:
        if binary is None:
            binary = _build_binary(scratch)
        _check_version(binary)
        return wheel.write(wheel_directory, "pinaudit", binary)


def build_sdist(sdist_directory, config_settings=None):
    base = "%s-%s" % (_project_table()["name"], _version())
    paths = list(_SDIST_FILES)
    for folder in _SDIST_FOLDERS:
        for directory, subfolders, files in os.walk(os.path.join(_ROOT, folder)):
            subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
            relative = os.path.relpath(directory, _ROOT)
            paths.extend(os.path.join(relative, name) for name in sorted(files) if not name.endswith(".pyc"))
    target = os.path.join(sdist_directory, base + ".tar.gz")
    pkg_info = _metadata_text().encode("utf-8")

    def normalized(info):
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
        return info

    with tarfile.open(target + ".partial", "w:gz", format=tarfile.PAX_FORMAT) as archive:
        for path in paths:
            archive.add(os.path.join(_ROOT, path), arcname=base + "/" + path.replace(os.sep, "/"), recursive=False, filter=normalized)
        info = normalized(tarfile.TarInfo(base + "/PKG-INFO"))
        info.size, info.mode = len(pkg_info), 0o644
        archive.addfile(info, io.BytesIO(pkg_info))
    os.replace(target + ".partial", target)
    return base + ".tar.gz"
