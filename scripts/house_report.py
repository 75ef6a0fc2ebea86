"""The state of the house: its rooms, its import circles, its largest modules, and the imports of
``reader.*`` placed inside functions.

An import inside a function hides a circle from import-linter, which reads only module-level
imports by default... and from a reader, who cannot see what a module needs from its head. So the
circles here are found on *every* import, at any depth (grimp, which import-linter ships, with
the function-level ones included), and each function-level import of ``reader.*`` is counted.
The repository keeps few of them, each where it buys start-up time, with a comment saying so.

    .venv/bin/python scripts/house_report.py            # the report
    .venv/bin/python scripts/house_report.py --inner    # and where each inner import is
    .venv/bin/python scripts/house_report.py --max-inner 60 --no-cycles-in reader.learn ...
    .venv/bin/python scripts/house_report.py --sql      # and raw SQL calls beside sqlite-utils'

With ``--max-inner`` or ``--no-cycles-in`` it exits 1 when the house is out of order.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import Counter
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "reader"


RAW_SQL = {"execute", "executemany", "executescript"}
TABLE_API = {
    "insert", "insert_all", "upsert", "upsert_all", "get", "lookup", "exists", "count",
    "update", "delete", "delete_where", "rows_where", "pks_and_rows_where", "count_where",
}  # fmt: skip


def sql_calls(path: Path) -> tuple[int, int]:
    """Calls of raw SQL (``db.execute``, ``conn.executemany``...) and of sqlite-utils' table API
    (``db["t"].exists()``, ``table(db, "t").insert``...; ``.count`` is a property) in a module."""
    raw = api = 0
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Attribute):
            continue
        table = node.value
        on_table = isinstance(table, ast.Subscript) or (  # db["t"].insert, db.table("t").get
            isinstance(table, ast.Call)  # or reader.store's table(db, "t").insert
            and (
                (isinstance(table.func, ast.Attribute) and table.func.attr == "table")
                or (isinstance(table.func, ast.Name) and table.func.id == "table")
            )
        )
        if node.attr in RAW_SQL:
            raw += 1
        elif node.attr in TABLE_API and on_table:
            api += 1
    return raw, api


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _in_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def inner_imports(path: Path) -> list[tuple[int, str]]:
    """The imports of ``reader.*`` inside functions of the module at ``path``: (line, module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _in_type_checking(child):
                continue
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if inside and isinstance(child, ast.ImportFrom) and child.level == 0:
                name = child.module or ""
                if name == PACKAGE or name.startswith(PACKAGE + "."):
                    found.append((child.lineno, name))
            elif inside and isinstance(child, ast.Import):
                found.extend(
                    (child.lineno, a.name)
                    for a in child.names
                    if a.name == PACKAGE or a.name.startswith(PACKAGE + ".")
                )
            visit(child, inside)

    visit(tree, False)
    return found


def cycles(graph: grimp.ImportGraph, names: list[str]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan): each is a circle,
    or several circles through shared modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    sys.setrecursionlimit(10_000)

    def strong(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.find_modules_directly_imported_by(v)):
            if not w.startswith(PACKAGE):
                continue
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for name in names:
        if name not in index:
            strong(name)
    return found


def package_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 else module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inner", action="store_true", help="list each inner import")
    parser.add_argument("--sql", action="store_true", help="count raw SQL and table-API calls")
    parser.add_argument("--max-inner", type=int, help="fail above this many inner imports")
    parser.add_argument("--no-cycles-in", nargs="*", default=[], help="packages to keep acyclic")
    parser.add_argument("--top", type=int, default=10, help="how many largest modules to list")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    found = modules()
    rooms = Counter(package_of(name) for name in found if name != PACKAGE)
    print(f"Rooms: {len(rooms)} packages and top-level modules, {len(found)} modules")
    for room, count in sorted(rooms.items()):
        print(f"  {room:28} {count:3}")

    sizes = sorted(
        ((len(p.read_text(encoding="utf-8").splitlines()), n) for n, p in found.items()),
        reverse=True,
    )
    print("\nLargest modules (lines):")
    for lines, name in sizes[: args.top]:
        print(f"  {lines:5}  {name}")

    inner = {name: inner_imports(path) for name, path in found.items()}
    total = sum(len(v) for v in inner.values())
    print(f"\nImports of {PACKAGE}.* inside functions: {total}")
    by_room = Counter(package_of(n) for n, v in inner.items() for _ in v)
    for room, count in by_room.most_common():
        print(f"  {room:28} {count:3}")
    if args.inner:
        for name, where in inner.items():
            for line, module in where:
                print(f"    {found[name].relative_to(ROOT)}:{line}  {module}")

    if args.sql:
        counts = [sql_calls(path) for path in found.values()]
        raw, api = sum(c[0] for c in counts), sum(c[1] for c in counts)
        print(f"\nDatabase calls: {raw} raw SQL (execute...), {api} sqlite-utils table API")

    # imports under TYPE_CHECKING never run: they make no circle (as in the import-linter setup)
    graph = grimp.build_graph(
        PACKAGE, include_external_packages=False, cache_dir=None, exclude_type_checking_imports=True
    )
    circles = cycles(graph, sorted(graph.modules))
    print(f"\nImport circles (every import, at any depth): {len(circles)} tangles")
    for component in circles:
        rooms_in = sorted({package_of(m) for m in component})
        print(f"  {len(component)} modules in {', '.join(rooms_in)}:")
        print("    " + ", ".join(component))

    failed = False
    if args.max_inner is not None and total > args.max_inner:
        print(f"\nFAIL: {total} inner imports, above {args.max_inner}")
        failed = True
    for room in args.no_cycles_in:
        bad = [c for c in circles if any(m == room or m.startswith(room + ".") for m in c)]
        if bad:
            print(f"\nFAIL: circles through {room}")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
