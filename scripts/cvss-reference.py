#!/usr/bin/env python3
"""Writes every CVSS v3.0, v3.1 and v4.0 base vector with its base score from the `cvss` package
(RedHat's implementation of FIRST's calculators; `pip install cvss`), to compare pinaudit's CVSS
code with in full:

    python3 scripts/cvss-reference.py /tmp/cvss-reference
    PINAUDIT_CVSS_REFERENCE=/tmp/cvss-reference swift test --filter CVSSReferenceTests

Writes cvss3.txt (2 x 2,592 base vectors), cvss4.txt (104,976 base vectors) and cvss4-full.txt
(20,000 seeded random v4.0 vectors with threat and environmental metrics, scored with all of them),
one `VECTOR SCORE` a line. The test suite's Fixtures/cvss/*-sample.txt are samples of these files.
"""
import itertools
import os
import random
import sys

try:
    import cvss
except ImportError:
    sys.exit("cvss-reference: the `cvss` package is not installed (pip install cvss)")

V3 = [("AV", "NALP"), ("AC", "LH"), ("PR", "NLH"), ("UI", "NR"), ("S", "UC"), ("C", "HLN"), ("I", "HLN"), ("A", "HLN")]
V4_OPTIONAL = [("E", "XAPU"), ("CR", "XHML"), ("IR", "XHML"), ("AR", "XHML"), ("MAV", "XNALP"), ("MAC", "XLH"),
               ("MAT", "XNP"), ("MPR", "XNLH"), ("MUI", "XNPA"), ("MVC", "XHLN"), ("MVI", "XHLN"), ("MVA", "XHLN"),
               ("MSC", "XHLN"), ("MSI", "XSHLN"), ("MSA", "XSHLN")]
V4 = [("AV", "NALP"), ("AC", "LH"), ("AT", "NP"), ("PR", "NLH"), ("UI", "NPA"), ("VC", "HLN"), ("VI", "HLN"),
      ("VA", "HLN"), ("SC", "HLN"), ("SI", "HLN"), ("SA", "HLN")]


def vectors(metrics):
    for combination in itertools.product(*(values for _, values in metrics)):
        yield "/".join(f"{name}:{value}" for (name, _), value in zip(metrics, combination))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "cvss3.txt"), "w") as out:
        for body in vectors(V3):
            for version in ("3.0", "3.1"):
                vector = f"CVSS:{version}/{body}"
                out.write(f"{vector} {cvss.CVSS3(vector).base_score}\n")
    with open(os.path.join(folder, "cvss4.txt"), "w") as out:
        for body in vectors(V4):
            vector = f"CVSS:4.0/{body}"
            out.write(f"{vector} {cvss.CVSS4(vector).base_score}\n")
    rng = random.Random(4)
    with open(os.path.join(folder, "cvss4-full.txt"), "w") as out:
        for _ in range(20_000):
            parts = [f"{name}:{rng.choice(values)}" for name, values in V4]
            parts += [f"{name}:{rng.choice(values)}" for name, values in V4_OPTIONAL if rng.random() < 0.4]
            vector = "CVSS:4.0/" + "/".join(parts)
            out.write(f"{vector} {cvss.CVSS4(vector).base_score}\n")


if __name__ == "__main__":
    main()
