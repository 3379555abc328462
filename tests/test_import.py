"""`import ngkt_analysis` stays light: no plotting, schema or notebook machinery at import."""

import subprocess
import sys

import ngkt_analysis

HEAVY = ("matplotlib", "plotly", "pandera", "papermill", "nbclient", "nbconvert", "typer", "rich")


def test_package_import_loads_no_heavy_library():
    code = f"import sys, ngkt_analysis;print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_subpackages_load_lazily():
    code = (
        "import sys, ngkt_analysis as n; n.metrics; print('ngkt_analysis.metrics' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_no_import_cycle_between_modules():
    """Module-level and function-level imports alike: the dependency graph has no cycle."""
    import ast
    from pathlib import Path

    root = Path(ngkt_analysis.__file__).parent
    modules = {}
    for path in root.rglob("*.py"):
        name = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        modules[name.removesuffix(".__init__")] = path
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ngkt_analysis"):
                subs = {f"{node.module}.{a.name}" for a in node.names} & modules.keys()
                graph[name] |= subs or ({node.module} & modules.keys())
            elif isinstance(node, ast.Import):
                graph[name] |= {a.name for a in node.names} & modules.keys()
    graph = {m: {d for d in deps if d != "ngkt_analysis"} for m, deps in graph.items()}
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for dep in graph[module]:
            assert state.get(dep) != 1, " -> ".join([*path, module, dep])
            if dep not in state:
                visit(dep, [*path, module])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [])
