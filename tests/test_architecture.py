"""The shape of the code, checked from its source (no import is executed):

- pressroom's internal import graph has no cycle (importing a package runs
  its ``__init__``, so ``a.b.c`` also depends on ``a`` and ``a.b``);
- an import of a pressroom module inside a function carries a ``# lazy:``
  comment saying why it is deferred (a heavy library, a registry lookup);
- no module is over 300 lines unless listed in LONG_MODULES with a reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pressroom"

MAX_LINES = 300
# module (relative to pressroom/) -> why it may stay longer than MAX_LINES.
LONG_MODULES: dict[str, str] = {}

def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(node: ast.ImportFrom, name: str, is_package: bool) -> str:
    """The absolute module an ImportFrom names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = name.split(".")
    base = base if is_package else base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _targets(node, name: str, is_package: bool, known: set[str]) -> list[str]:
    """The pressroom modules an import statement loads."""
    out = []
    if isinstance(node, ast.Import):
        candidates = [alias.name for alias in node.names]
    else:
        mod = _resolve(node, name, is_package)
        candidates = [mod] + [f"{mod}.{alias.name}" for alias in node.names]
    for cand in candidates:
        if cand in known:
            out.append(cand)
    return out


def _with_parents(mod: str, known: set[str]) -> list[str]:
    """Importing a.b.c runs a/__init__ and a/b/__init__ first."""
    parts = mod.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)
            if ".".join(parts[:i]) in known]


def imports() -> tuple[dict[str, set[str]], list[tuple[str, int, str]]]:
    """(graph of every import, deferred ones included: a function-level import
    that dodges a cycle is still a cycle; function-level imports without a
    lazy comment as (file, line, target))."""
    mods = modules()
    known = set(mods)
    graph: dict[str, set[str]] = {m: set() for m in mods}
    unmarked = []
    for name, path in mods.items():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        tree = ast.parse(text)
        is_package = path.name == "__init__.py"
        in_function: set[int] = set()
        for fn in ast.walk(tree):
            if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for sub in ast.walk(fn):
                    if isinstance(sub, (ast.Import, ast.ImportFrom)):
                        in_function.add(id(sub))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            targets = _targets(node, name, is_package, known)
            if not targets:
                continue
            if id(node) in in_function:
                around = lines[node.lineno - 2:node.end_lineno]
                if not any("# lazy:" in ln for ln in around):
                    unmarked.append((str(path.relative_to(ROOT)), node.lineno, targets[0]))
            for target in targets:
                for dep in _with_parents(target, known):
                    if dep != name and not name.startswith(dep + "."):
                        graph[name].add(dep)
    return graph, unmarked


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_read():
    graph, _ = imports()
    assert "pressroom.doctree.pandoc" in graph["pressroom.pipeline"]
    assert len(graph) > 60


def test_no_import_cycle():
    graph, _ = imports()
    assert cycles(graph) == []


def test_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_function_level_imports_say_why():
    _, unmarked = imports()
    assert unmarked == [], "function-level imports of pressroom without '# lazy:':\n" + \
        "\n".join(f"{f}:{n} imports {t}" for f, n, t in unmarked)


def test_no_long_module_without_a_reason():
    long = {str(p.relative_to(PACKAGE)): len(p.read_text(encoding="utf-8").splitlines())
            for p in PACKAGE.rglob("*.py")}
    over = {m: n for m, n in long.items() if n > MAX_LINES and m not in LONG_MODULES}
    assert over == {}, f"modules over {MAX_LINES} lines with no reason: {over}"


def test_listed_modules_exist_and_are_long():
    for rel in LONG_MODULES:
        assert len((PACKAGE / rel).read_text(encoding="utf-8").splitlines()) > MAX_LINES, rel
