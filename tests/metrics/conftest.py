"""Small hand-made frames, typed like ``ngkt.load`` types the real tables.

The CSVs in tests/fixtures/metrics hold only the columns the metrics read; every expected value
in the tests is computed by hand from them (the arithmetic is in the test comments).
"""

from pathlib import Path

import pandas as pd
import pytest

from ngkt_analysis.datasets import LEVEL_DTYPE

FIXTURES = Path(__file__).parents[1] / "fixtures" / "metrics"
_PAD = {10: "", 7: "-01", 4: "-01-01"}


def _read(name: str) -> pd.DataFrame:
    df = pd.read_csv(FIXTURES / f"{name}.csv", dtype=str, keep_default_na=False)
    for col in ("date", "in_force"):  # partial ISO dates → first day
        if col in df:
            text = df[col].where(df[col] != "")
            df[col] = pd.to_datetime(text + text.str.len().map(_PAD), format="%Y-%m-%d")
    for col in ("members", "partners", "groups"):
        if col in df:
            df[col] = df[col].str.split(";").map(lambda items: [i for i in items if i])
    if "level" in df:
        df["level"] = df["level"].astype(LEVEL_DTYPE)
    if "aggregates" in df:
        df["aggregates"] = df["aggregates"].replace("", None)
    if "type" in df:
        df["type"] = pd.Categorical(df["type"])
    if "year" in df:
        df["year"] = df["year"].astype("int64")
    if "value_usd_bn" in df:
        df["value_usd_bn"] = df["value_usd_bn"].astype("float64")
        df.attrs["units"] = {"value_usd_bn": "billion USD"}
    df.attrs["name"] = name
    return df


@pytest.fixture
def upgrades() -> pd.DataFrame:
    return _read("partnership_upgrades")


@pytest.fixture
def trade_annual() -> pd.DataFrame:
    return _read("trade_annual")


@pytest.fixture
def trade_by_partner() -> pd.DataFrame:
    return _read("trade_by_partner")


@pytest.fixture
def ftas() -> pd.DataFrame:
    return _read("ftas")


@pytest.fixture
def fta_parties() -> pd.DataFrame:
    return _read("fta_parties")


@pytest.fixture
def partners() -> pd.DataFrame:
    return _read("partners")


@pytest.fixture
def events() -> pd.DataFrame:
    return _read("events")


@pytest.fixture(scope="module")
def real():
    """``real("trade_annual")``: the bundled dataset, loaded and validated by ``ngkt.load``."""
    import ngkt_analysis as ngkt

    return ngkt.load
