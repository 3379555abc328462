"""Reports on partial data: no empty chart, gaps shown as gaps, coverage said out loud.

The partner profile is rendered for three partners on fixture data (the real tables, with
trade_by_partner replaced): one fully covered (United States, 2015–2020, with 2017 missing to
show a gap), one with a few rows (South Korea, a turnover only) and one with none (Laos).
"""

import json
import re
import shutil

import pytest

from ngkt_analysis.paths import bundled_data_dir
from ngkt_analysis.reports.execute import Job, render_batch

pytestmark = pytest.mark.slow  # starts kernels, a cluster or pip: not in `make test-fast`

TRADE = """year,partner,flow,value_usd_bn,status,note,source_url
2015,USA,exports,33.5,final,,https://example.org/t
2015,USA,imports,7.8,final,,https://example.org/t
2016,USA,exports,38.5,final,,https://example.org/t
2016,USA,imports,8.7,final,,https://example.org/t
2018,USA,exports,47.5,final,,https://example.org/t
2018,USA,imports,12.8,final,,https://example.org/t
2019,USA,exports,61.3,final,,https://example.org/t
2019,USA,imports,14.4,final,,https://example.org/t
2020,USA,exports,77.1,final,,https://example.org/t
2020,USA,imports,13.7,final,,https://example.org/t
2016,KOR,turnover,43.0,final,,https://example.org/t
"""
YEARS = "2015:2020"
JOBS = {
    "full": Job("partner_profile", {"partner": "USA", "years": YEARS, "run_date": "2026-11-24"}),
    "few": Job("partner_profile", {"partner": "KOR", "years": YEARS, "run_date": "2026-11-24"}),
    "none": Job("partner_profile", {"partner": "LAO", "years": YEARS, "run_date": "2026-11-24"}),
    "none_vi": Job(
        "partner_profile",
        {"partner": "Lào", "years": YEARS, "lang": "vi", "run_date": "2026-11-24"},
    ),
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(bundled_data_dir(), data, dirs_exist_ok=True)
    (data / "trade_by_partner.csv").write_text(TRADE, encoding="utf-8")
    out = tmp_path_factory.mktemp("honest")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NGKT_DATA_DIR", str(data))
        results = render_batch(list(JOBS.values()), out, workers=2)
    assert all(r.status == "ok" for r in results), [r.error for r in results]
    return {
        k: (out / r.html).read_text(encoding="utf-8") for k, r in zip(JOBS, results, strict=True)
    }


def figures(page: str) -> list[list[dict]]:
    """The traces of every plotly figure on a page."""
    found = []
    decoder = json.JSONDecoder()
    for match in re.finditer(r'Plotly\.newPlot\(\s*"ngkt-fig-\d+",\s*', page):
        traces, _ = decoder.raw_decode(page, match.end())
        found.append(traces)
    return found


def points(traces: list[dict]) -> int:
    key = lambda t: "x" if t.get("orientation") == "h" else "y"  # noqa: E731
    return sum(1 for t in traces for v in t.get(key(t)) or [] if v is not None)


def text(page: str) -> str:
    body = re.sub(r"<script.*?</script>", " ", page[page.index("<main>") :], flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("label", list(JOBS))
def test_no_plotly_figure_without_data_points(pages, label):
    for traces in figures(pages[label]):
        assert points(traces) > 0


def test_fully_covered_partner(pages):
    page = text(pages["full"])
    years = "(2015, 2016, 2018, 2019, 2020)"
    assert f"sourced trade figures for 5 of the 6 years 2015–2020 {years}" in page
    trade = figures(pages["full"])[0]
    exports = next(t for t in trade if t["name"] == "Exports")
    # 2017 is missing: a break in the line, not a segment from 2016 to 2018
    assert exports["x"] == [2015, 2016, 2017, 2018, 2019, 2020]
    assert exports["y"][2] is None and exports["connectgaps"] is False
    assert "No sourced trade figures" not in page


def test_partner_with_a_turnover_only(pages):
    page = text(pages["few"])
    assert "sourced trade figures for 1 of the 6 years 2015–2020 (2016)" in page
    # the stated turnover is never split into exports and imports
    assert "Exports (2016)" not in page and "Turnover (2016) 43.0 billion USD" in page


def test_partner_without_trade_rows(pages):
    page = text(pages["none"])
    assert "sourced trade figures for 0 of the 6 years 2015–2020" in page
    assert "No sourced trade figures for Laos in 2015–2020." in page
    assert "No share of Viet Nam's total trade can be computed for Laos" in page
    assert "– billion USD" not in page
    assert "Trade figures Not in the data" in page
    # only the agreements that govern Vietnam–Laos trade: ATIGA (RCEP came in 2022)
    assert "ATIGA" in page and "ACFTA" not in page and "AKFTA" not in page


def test_partner_without_trade_rows_in_vietnamese(pages):
    page = text(pages["none_vi"])
    assert "Chưa có số liệu thương mại có nguồn giữa Việt Nam và Lào giai đoạn 2015–2020." in page
    assert "False" not in page and "True" not in page
