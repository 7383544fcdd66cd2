#!/usr/bin/env python3
"""Derives cache/osv-db/PyPI-all.zip, the bundled example's OSV database, from the shared one.

usage: scripts/derive-example-osv-db.py [SHARED_ZIP]   (default: ../shared/advisories/pypi-osv-2024-10.zip)

Keeps, unchanged, every advisory of the shared database (the PyPA advisory database, CC BY 4.0)
that names a package pinned or required in examples/requirements.txt, so that `audit` and `plan`
on the example see every advisory of those packages (the pinned versions' and the candidates').
The zip is written deterministically (sorted members, fixed timestamps), so running this again
gives the same bytes. Exits 0 with a note when the shared database is absent.
"""
import os, re, sys, zipfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "advisories", "pypi-osv-2024-10.zip")
if not os.path.exists(source):
    print(f"derive-example-osv-db: skipped: {source} is absent")
    sys.exit(0)

def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()

packages = set()
with open(os.path.join(root, "examples", "requirements.txt")) as f:
    for line in f:
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            packages.add(canonical(line.split("==", 1)[0]))
packages.add("setuptools")  # gunicorn's dependency, which the example leaves unpinned

import json
kept = []
with zipfile.ZipFile(source) as z:
    for name in sorted(z.namelist()):
        if not name.endswith(".json"):
            continue
        data = z.read(name)
        doc = json.loads(data)
        names = {canonical(a.get("package", {}).get("name", "")) for a in doc.get("affected", [])
                 if a.get("package", {}).get("ecosystem") == "PyPI"}
        if names & packages:
            kept.append((name, data))

target = os.path.join(root, "cache", "osv-db", "PyPI-all.zip")
os.makedirs(os.path.dirname(target), exist_ok=True)
with zipfile.ZipFile(target + ".tmp", "w", zipfile.ZIP_DEFLATED) as out:
    for name, data in kept:
        info = zipfile.ZipInfo(name, date_time=(2024, 10, 10, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        out.writestr(info, data)
os.replace(target + ".tmp", target)
print(f"derive-example-osv-db: {len(kept)} advisories on {len(packages)} packages -> {os.path.relpath(target, root)}")
