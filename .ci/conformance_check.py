#!/usr/bin/env python3
"""Checks the WordPress conformance replay against the list of cases that
must pass (.ci/conformance-expected: one case number per line, '#' comments).

usage: conformance_check.py REPORT_DIR EXPECTED_FILE [--write]

With --write it rewrites EXPECTED_FILE from the reports (every case that
passed), for when more cases pass. Cases that pass but are not listed are
reported as newly passing so that the list can grow.
"""
import json
import os
import sys


def main():
    report_dir, expected_file = sys.argv[1], sys.argv[2]
    write = "--write" in sys.argv[3:]
    results = {}
    for name in sorted(os.listdir(report_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(report_dir, name), encoding="utf-8") as f:
            report = json.load(f)
        for r in report["results"]:
            # A case replayed in two passes counts as passed only if it
            # passed wherever it was replayed (SKIP aside).
            if r["result"] == "SKIP":
                continue
            num = "%03d" % int(r["number"])
            prev = results.get(num)
            ok = r["result"] == "PASS"
            results[num] = (ok and (prev is None or prev[0]), r["case"], r.get("reason", ""))
    passed = sorted(n for n, (ok, _, _) in results.items() if ok)
    if write:
        with open(expected_file, "w", encoding="utf-8") as f:
            f.write("# WordPress conformance cases that pass and must keep passing (written by .ci/conformance_check.py --write).\n")
            for n in passed:
                f.write("%s %s\n" % (n, results[n][1]))
        print("wrote %d cases to %s" % (len(passed), expected_file))
        return 0
    expected = []
    with open(expected_file, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                expected.append("%03d" % int(line.split()[0]))
    broken = [n for n in expected if not results.get(n, (False,))[0]]
    for n in broken:
        ok, case, reason = results.get(n, (False, "(not replayed)", ""))
        print("REGRESSION  %s %s -- %s" % (n, case, reason))
    new = [n for n in passed if n not in set(expected)]
    if new:
        print("newly passing (add them with --write): %s" % " ".join(new))
    print("conformance cases expected to pass: %d, still passing: %d; all replayed: %d passing of %d"
          % (len(expected), len(expected) - len(broken), len(passed), len(results)))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
