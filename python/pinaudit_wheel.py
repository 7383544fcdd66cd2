"""Writes a binary wheel (PEP 427) that installs one native executable as a script.

The layout is the one uv's and ruff's wheels use: the executable sits in
``<name>-<version>.data/scripts/``, which pip, pipx and uv copy into the environment's ``bin``
folder with its executable bits, and the wheel holds no Python code at all.
"""

import base64
import hashlib
import os
import zipfile

# Zip entries get this timestamp unless SOURCE_DATE_EPOCH says otherwise, so that building the
# same binary twice gives the same wheel, byte for byte.
_EARLIEST_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _zip_time():
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return _EARLIEST_ZIP_TIME
    import time

    stamp = time.gmtime(max(int(epoch), 315532800))
    return stamp[:6]


def _record_digest(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class ScriptWheel:
    """A wheel of one executable script, with its METADATA, WHEEL and RECORD files."""

    def __init__(self, name, version, tag, metadata_text, generator):
        self.name = name
        self.version = version
        self.tag = tag
        self.metadata_text = metadata_text
        self.generator = generator

    @property
    def distribution(self):
        """The name as it appears in file names (PEP 427 escaping)."""
        return self.name.replace("-", "_")

    @property
    def filename(self):
        return "%s-%s-%s.whl" % (self.distribution, self.version, self.tag)

    @property
    def dist_info(self):
        return "%s-%s.dist-info" % (self.distribution, self.version)

    @property
    def wheel_text(self):
        return (
            "Wheel-Version: 1.0\n"
            "Generator: %s\n"
            "Root-Is-Purelib: false\n"
            "Tag: %s\n" % (self.generator, self.tag)
        )

    def write_dist_info(self, directory):
        """Writes the ``.dist-info`` folder alone (prepare_metadata_for_build_wheel)."""
        folder = os.path.join(directory, self.dist_info)
        os.makedirs(folder, exist_ok=True)
        for file_name, text in (("METADATA", self.metadata_text), ("WHEEL", self.wheel_text)):
            with open(os.path.join(folder, file_name), "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        return self.dist_info

    def write(self, directory, script_name, executable_path):
        """Writes the wheel into ``directory``, the executable installed as ``script_name``.

        The file is written under a temporary name and renamed, so a failed build leaves no
        truncated wheel behind. Returns the wheel's file name.
        """
        with open(executable_path, "rb") as handle:
            executable = handle.read()
        entries = [
            ("%s-%s.data/scripts/%s" % (self.distribution, self.version, script_name), executable, 0o755),
            (self.dist_info + "/METADATA", self.metadata_text.encode("utf-8"), 0o644),
            (self.dist_info + "/WHEEL", self.wheel_text.encode("utf-8"), 0o644),
        ]
        record_lines = ["%s,%s,%d" % (path, _record_digest(data), len(data)) for path, data, _ in entries]
        record_path = self.dist_info + "/RECORD"
        record_lines.append(record_path + ",,")
        entries.append((record_path, ("\n".join(record_lines) + "\n").encode("utf-8"), 0o644))

        target = os.path.join(directory, self.filename)
        partial = target + ".partial"
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for path, data, mode in entries:
                    info = zipfile.ZipInfo(path, date_time=_zip_time())
                    info.external_attr = (0o100000 | mode) << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, data)
            os.replace(partial, target)
        finally:
            if os.path.exists(partial):
                os.remove(partial)
        return self.filename
