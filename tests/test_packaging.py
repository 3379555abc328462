"""The built wheel carries the data and notebooks, and loads them when installed elsewhere."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # starts kernels, a cluster or pip: not in `make test-fast`

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("ngkt_analysis-*.whl"))


def test_wheel_ships_data_and_notebooks(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for csv in sorted((ROOT / "data").glob("*.csv")):
        assert f"ngkt_analysis/data/{csv.name}" in names
    assert "ngkt_analysis/data/datapackage.json" in names
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert f"ngkt_analysis/notebooks/{nb.name}" in names


def test_installed_wheel_loads_its_own_data(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import ngkt_analysis as n, ngkt_analysis.paths as p;"
        "assert str(p.data_dir()).startswith(str(__import__('pathlib').Path(n.__file__).parent));"
        "print(len(n.load('partnership_upgrades')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) > 40
