#!/usr/bin/env python3
"""The bridge against the real AkShare, without network: every AkShare function that
``hypecheck_fetch.py`` calls exists and accepts the keywords (and the number of positional
arguments) the bridge passes, and every column name the bridge reads from a function's
result appears in that function's source (``inspect.getsource``). The bridge's docstring
must name the installed AkShare version among those it was checked against.

The bridge is read, not run: its calls are found in its syntax tree. A column counts as
read when it is in a list given to ``require_columns(df, COLUMNS, "function")``, or a
string subscript (``r["问题"]``) or ``"X" in df.columns`` test inside a bridge function
that calls that one AkShare function.

Usage: ``python3 akshare_contract.py [BRIDGE]`` (default: ``python/hypecheck_fetch.py``).
Exit status: 0 the contract holds, 1 it does not (each break on stderr), 3 akshare is not
importable (the caller decides whether that is a skip or a failure).
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
from pathlib import Path
from typing import Dict, List, Set, Tuple

BRIDGE = Path(__file__).resolve().parents[1] / "hypecheck_fetch.py"

# Columns AkShare passes through from a source's own file without naming them: they cannot
# be found in its code, so they are listed here with the file they come from.
PASSED_THROUGH = {
    # The SZSE's name-change spreadsheet (szse.cn ShowReport, SSGSGMXX tab2), read with
    # pd.read_excel and returned with its own header.
    "stock_info_sz_change_name": {"变更前简称", "变更后简称"},
}


def function_source(f, depth: int = 2) -> str:
    """A function's source and that of the functions of its module it calls (helpers such
    as ``__format_announcement_df`` name the columns), ``depth`` calls deep."""
    text = inspect.getsource(f)
    if depth == 0:
        return text
    module = inspect.getmodule(f)
    called = {n.func.id for n in ast.walk(ast.parse(text.lstrip()))
              if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    for name in sorted(called):
        g = getattr(module, name, None)
        if inspect.isfunction(g) and g is not f and g.__module__ == f.__module__:
            text += "\n" + function_source(g, depth - 1)
    return text


def module_lists(tree: ast.Module) -> Dict[str, List[str]]:
    """Module-level ``NAME = ["a", "b", ...]`` constants."""
    out: Dict[str, List[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.List):
            items = [e.value for e in node.value.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            for t in node.targets:
                if isinstance(t, ast.Name) and len(items) == len(node.value.elts):
                    out[t.id] = items
    return out


def ak_calls(fn: ast.AST) -> List[ast.Call]:
    """Calls ``ak.NAME(...)`` inside a function."""
    return [n for n in ast.walk(fn) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute) and isinstance(n.func.value, ast.Name)
            and n.func.value.id == "ak"]


def read_columns(fn: ast.AST) -> Set[str]:
    """String subscripts read and ``"X" in df.columns`` tests inside a function."""
    out: Set[str] = set()
    for n in ast.walk(fn):
        if (isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Load)
                and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str)):
            out.add(n.slice.value)
        if (isinstance(n, ast.Compare) and isinstance(n.left, ast.Constant)
                and isinstance(n.left.value, str)
                and any(isinstance(c, ast.Attribute) and c.attr == "columns"
                        for c in n.comparators)):
            out.add(n.left.value)
    return out


def checked_versions(tree: ast.Module) -> List[str]:
    doc = ast.get_docstring(tree) or ""
    m = re.search(r"Checked against AkShare ([0-9., and]+)", doc)
    return re.findall(r"\d+\.\d+\.\d+", m.group(1)) if m else []


def check(ak, tree: ast.Module) -> Tuple[List[str], int, int]:
    problems: List[str] = []
    lists = module_lists(tree)
    sources: Dict[str, str] = {}
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    calls = 0
    columns = 0

    def source(name: str) -> str:
        if name not in sources:
            sources[name] = function_source(getattr(ak, name))
        return sources[name]

    def named(name: str, col: str) -> bool:
        return col in source(name) or col in PASSED_THROUGH.get(name, set())

    for fn in functions:
        names = set()
        for call in ak_calls(fn):
            name = call.func.attr
            calls += 1
            f = getattr(ak, name, None)
            if f is None:
                problems.append(f"{fn.name}: akshare has no function {name}")
                continue
            names.add(name)
            kwargs = {k.arg: None for k in call.keywords if k.arg}
            try:
                inspect.signature(f).bind(*([None] * len(call.args)), **kwargs)
            except TypeError as err:
                problems.append(f"{fn.name}: {name}({', '.join(kwargs)}): {err}")
        for n in ast.walk(fn):
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                    and n.func.id == "require_columns" and len(n.args) == 3):
                const, func = n.args[1], n.args[2]
                if not (isinstance(const, ast.Name) and isinstance(func, ast.Constant)):
                    continue
                if not hasattr(ak, func.value):
                    problems.append(f"{fn.name}: require_columns names {func.value}, "
                                    "which akshare lacks")
                    continue
                for col in lists.get(const.id, []):
                    columns += 1
                    if not named(func.value, col):
                        problems.append(f"{fn.name}: {func.value} has no column {col!r} "
                                        f"in its source ({const.id})")
        if len(names) == 1:
            (name,) = names
            for col in read_columns(fn):
                columns += 1
                if not named(name, col):
                    problems.append(f"{fn.name}: reads {col!r}, which {name}'s source "
                                    "never names")
    return problems, calls, columns


def main() -> int:
    try:
        import akshare as ak  # noqa: F401
    except Exception as err:  # pragma: no cover - depends on the machine
        print(f"akshare is not importable: {err}", file=sys.stderr)
        return 3
    bridge = Path(sys.argv[1]) if len(sys.argv) > 1 else BRIDGE
    tree = ast.parse(bridge.read_text(encoding="utf-8"))
    problems, calls, columns = check(ak, tree)
    versions = checked_versions(tree)
    if ak.__version__ not in versions:
        problems.append(
            f"the bridge's docstring says it was checked against AkShare {versions or 'nothing'}; "
            f"the installed {ak.__version__} passes this contract only once its docstring "
            "names it (\"Checked against AkShare ...\")")
    for p in problems:
        print(p, file=sys.stderr)
    print(f"akshare {ak.__version__}: {calls} calls and {columns} column reads checked, "
          f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
