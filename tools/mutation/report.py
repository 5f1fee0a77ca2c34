#!/usr/bin/env python3
"""Turns each module's target/pit-reports/mutations.xml into the mutation section of docs/testing.md.

Writes between the markers <!-- mutation-report:begin --> and <!-- mutation-report:end -->, so a rerun replaces
the previous figures and leaves the rest of the page alone. A surviving mutant's reason comes from
tools/mutation/survivors.tsv (class, method, line, mutator, reason); one without a recorded reason is listed as such,
which is the cue to kill it with a test or to write down why it cannot be killed.

Usage: report.py MODULE... (run from the repository root; tools/mutation/run.sh calls it).
"""
import datetime
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

DOC = "docs/testing.md"
BEGIN = "<!-- mutation-report:begin -->"
END = "<!-- mutation-report:end -->"
SURVIVORS = "tools/mutation/survivors.tsv"
TARGET = 85.0
# What PIT counts as detected: a test failed, or the mutant hung or broke the test JVM.
DETECTED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}


def reasons():
    known = {}
    if os.path.exists(SURVIVORS):
        with open(SURVIVORS, encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                cls, method, lineno, mutator, reason = line.rstrip("\n").split("\t", 4)
                known[(cls, method, lineno, mutator)] = reason
    return known


def short(name):
    return name.rsplit(".", 1)[-1]


def git(*args):
    return subprocess.run(["git", *args], capture_output=True, text=True, check=False).stdout.strip()


def main(modules):
    known = reasons()
    rows, survivors, missing = [], [], []
    total_mutants = total_detected = 0
    for module in modules:
        path = os.path.join(module, "target", "pit-reports", "mutations.xml")
        if not os.path.exists(path):
            missing.append(module)
            continue
        per_class = {}
        for m in ET.parse(path).getroot().iter("mutation"):
            cls = m.findtext("mutatedClass")
            top = cls.split("$", 1)[0]
            counts = per_class.setdefault(top, [0, 0])
            counts[0] += 1
            if m.get("status") in DETECTED:
                counts[1] += 1
            else:
                method = m.findtext("mutatedMethod")
                line = m.findtext("lineNumber")
                mutator = short(m.findtext("mutator"))
                reason = known.get((short(cls), method, line, mutator), "no reason recorded yet")
                survivors.append((module, short(cls), method, line, mutator, m.get("status"),
                                  m.findtext("description"), reason))
        for cls in sorted(per_class):
            mutants, detected = per_class[cls]
            rows.append((module, cls, mutants, detected))
            total_mutants += mutants
            total_detected += detected

    commit = git("rev-parse", "--short", "HEAD")
    # Only changes to what was measured count; this page itself is rewritten by every run.
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no", "--", ".",
                                              f":!{DOC}") else ""
    out = [BEGIN, "",
           f"Run on {datetime.date.today().isoformat()} at commit `{commit}`{dirty}, by `tools/mutation/run.sh`.",
           "Killed counts what PIT counts as detected (a test failed, or the mutant timed out).", "",
           "| module | class | mutants | killed | score | ≥ 85 % |", "| --- | --- | ---: | ---: | ---: | :---: |"]
    for module, cls, mutants, detected in rows:
        score = 100.0 * detected / mutants if mutants else 100.0
        out.append(f"| {module} | `{short(cls)}` | {mutants} | {detected} | {score:.0f} % | "
                   f"{'yes' if score >= TARGET else '**no**'} |")
    if total_mutants:
        out.append(f"| **all** | | **{total_mutants}** | **{total_detected}** | "
                   f"**{100.0 * total_detected / total_mutants:.0f} %** | |")
    out.append("")
    if missing:
        out += ["No report for: " + ", ".join(missing) + " (the run failed there or was not run).", ""]
    if survivors:
        out += ["Surviving mutants, each with why no test kills it:", "",
                "| class | method | line | mutator | status | what PIT changed | why it survives |",
                "| --- | --- | ---: | --- | --- | --- | --- |"]
        for module, cls, method, line, mutator, status, description, reason in survivors:
            out.append(f"| `{cls}` | `{method}` | {line} | {mutator} | {status} | {description} | {reason} |")
    else:
        out.append("No mutant survives.")
    out += ["", END]

    with open(DOC, encoding="utf-8") as f:
        doc = f.read()
    if BEGIN not in doc or END not in doc:
        sys.exit(f"{DOC} has no {BEGIN} … {END} markers")
    head, rest = doc.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(head + "\n".join(out) + tail)
    print(f"{DOC}: {len(rows)} classes, {total_detected}/{total_mutants} mutants killed, "
          f"{len(survivors)} surviving")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
