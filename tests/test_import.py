"""`import ngkt_analysis` stays light: no plotting, schema or notebook machinery at import."""

import subprocess
import sys

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
