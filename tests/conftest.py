import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def table_cache(tmp_path_factory):
    """Validated tables are cached in a folder of this run, never in the user's ``~/.cache``.

    Set in the environment, so the kernels and commands the tests start use it too.
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NGKT_CACHE_DIR", str(tmp_path_factory.mktemp("table-cache")))
        yield


@pytest.fixture
def fixture_data(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data folder (with the real catalog)."""
    dest = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", dest)
    return dest


@pytest.fixture
def real_data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled, real data folder, to break on purpose."""
    from ngkt_analysis.paths import bundled_data_dir

    dest = tmp_path / "real"
    shutil.copytree(bundled_data_dir(), dest, ignore=shutil.ignore_patterns("staging"))
    return dest


@pytest.fixture(scope="module")
def client():
    """Dask LocalCluster: two single-threaded worker processes (nannies restart a killed one)."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c
