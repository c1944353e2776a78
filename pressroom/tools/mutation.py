"""Mutation testing (``make mutation``): do the tests fail when the code is wrong?

Not part of the build or of CI (too slow). For each module listed in
pyproject.toml ``[tool.pressroom.mutation.modules]`` (module path -> the fast
test files that cover it), mutmut 3 makes small changes to that module one at
a time and runs only those tests; a mutant the tests do not notice survives.
Each module runs in its own scratch folder (``.mutation/<module>/``, links
to the project plus a generated ``setup.cfg``), one after the other at low
priority, and the kill rate per module is printed and written to
``.mutation/scores.json``. ``--only PATH`` runs one module.

Property tests run derandomised (Hypothesis profile "ci"): every mutant
meets the same examples, so a kill never depends on chance.

A module scores killed / all mutants (a timeout counts as killed, a mutant
no listed test reaches as survived). Target: 85% per module; survivors
judged equivalent are listed with reasons in docs/mutation.md (not here).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from pressroom.paths import PROJECT

LINKS = ("pressroom", "tests", "build.py", "manuscript")
# package data mutmut must copy beside the mutated code
DATA = ("pressroom/styles", "pressroom/templates")
TARGET = 0.85
SURVIVED, NO_TESTS = 0, 33


def modules() -> dict[str, list[str]]:
    data = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["tool"]["pressroom"]["mutation"]["modules"]


def setup_cfg(module: str, tests: list[str]) -> str:
    lines = ["[mutmut]", "source_paths = pressroom", f"only_mutate = {module}",
             "also_copy ="] + [f"    {x}" for x in (*LINKS[2:], *DATA)]
    lines += ["pytest_add_cli_args_test_selection ="] + [f"    {t}" for t in tests]
    lines += ["pytest_add_cli_args =", "    -p", "    no:cacheprovider", ""]
    return "\n".join(lines)


def scratch(module: str, tests: list[str]) -> Path:
    where = PROJECT / ".mutation" / module.replace("/", "__").removesuffix(".py")
    shutil.rmtree(where, ignore_errors=True)     # fresh: the tests may have changed
    where.mkdir(parents=True)
    for name in LINKS:
        (where / name).symlink_to(PROJECT / name)
    (where / "setup.cfg").write_text(setup_cfg(module, tests), encoding="utf-8")
    return where


def score(where: Path, module: str) -> dict:
    meta = json.loads((where / "mutants" / f"{module}.meta").read_text(encoding="utf-8"))
    codes = meta["exit_code_by_key"]
    survived = sorted(k for k, c in codes.items() if c in (SURVIVED, NO_TESTS, None))
    total = len(codes)
    return {"module": module, "mutants": total, "killed": total - len(survived),
            "score": round((total - len(survived)) / total, 3) if total else 1.0,
            "survived": survived}


def run(module: str, tests: list[str]) -> dict:
    where = scratch(module, tests)
    log = where / "mutmut.log"
    with open(log, "w", encoding="utf-8") as out:
        subprocess.run(["nice", "-n", "10", str(Path(sys.executable).parent / "mutmut"),
                        "run", "--max-children", "1"], cwd=where, stdout=out,
                       stderr=subprocess.STDOUT, check=False,
                       env={**os.environ, "HYPOTHESIS_PROFILE": "ci"})
    return score(where, module)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="mutation", description=__doc__.split("\n")[0])
    p.add_argument("--only", action="append", help="a module path (repeatable)")
    args = p.parse_args(argv)
    table = modules()
    chosen = args.only or list(table)
    results = []
    for module in chosen:
        r = run(module, table[module])
        results.append(r)
        flag = "ok " if r["score"] >= TARGET else "LOW"
        print(f"{flag} {r['score']:6.1%}  {r['killed']:4}/{r['mutants']:<4} {module}", flush=True)
    out = PROJECT / ".mutation" / "scores.json"
    old = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
    old.update({r["module"]: r for r in results})
    out.write_text(json.dumps(old, indent=1), encoding="utf-8")
    return 0 if all(r["score"] >= TARGET for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
