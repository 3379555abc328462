"""Every report notebook, executed with its defaults and another parameter set: content checks."""

import re

import nbformat
import pytest

import ngkt_analysis as ngkt
from ngkt_analysis.reports import facts
from ngkt_analysis.reports.execute import Job, render_batch
from ngkt_analysis.reports.params import notebook_kinds, notebook_spec

pytestmark = pytest.mark.slow  # starts kernels, a cluster or pip: not in `make test-fast`

RUN_DATE = "2026-11-24"  # as in conftest.py
LABELS = [
    "profile_default",
    "profile_alias_vi",
    "review_default",
    "review_quiet_vi",
    "trade_default",
    "trade_total_vi",
    "timeline_default",
    "timeline_since_vi",
    "digest_default",
    "digest_archive_vi",
    "fta_default",
    "fta_cptpp_vi",
    "activity_default",
    "activity_2025_vi",
    "comparison_default",
    "comparison_special_vi",
    "bloc_default",
    "bloc_eu_vi",
]
CHARTS = {  # (chart slots: plotly charts or no-data sentences, static images) per report kind
    "partner_profile": (3, 0),
    "annual_review": (4, 0),
    "trade_overview": (5, 0),
    "upgrades_timeline": (4, 1),
    "news_digest": (1, 0),
    "fta_profile": (1, 0),
    "activity_review": (3, 0),
    "partner_comparison": (3, 1),
    "bloc_profile": (4, 0),
}


def _page(rendered, label):
    out, results = rendered
    result = results[label]
    assert result.status == "ok", result.error
    return (out / result.html).read_text(encoding="utf-8"), result


def _text(page):
    """Visible text of the report body (tags and scripts stripped)."""
    body = page[page.index("<main>") :]
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_the_four_report_kinds_ship():
    assert set(CHARTS) <= set(notebook_kinds())


@pytest.mark.parametrize("label", LABELS)
def test_every_report_renders_with_all_charts_and_no_error_output(rendered, label):
    page, result = _page(rendered, label)
    plotly, images = CHARTS[result.kind]
    figures = re.findall(r'<div class="plotly-graph-div" id="ngkt-fig-\d+"', page)
    notices = re.findall(r"<p class=.ngkt-no-data.>", page)
    assert len(figures) + len(notices) == plotly
    assert len(re.findall(r'<img[^>]+src="data:image/png;base64,', page)) == images
    out, _ = rendered
    nb = nbformat.read(out / result.ipynb, as_version=4)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error"
            assert output.get("name") != "stderr", output.get("text")
    assert "Traceback" not in page


FOOTER_DATASETS = {  # what each kind cites in its footer (from the frames it was given)
    "partner_profile": ["partnership_upgrades", "trade_annual", "trade_by_partner", "events"],
    "annual_review": ["partnership_upgrades", "trade_annual", "trade_by_partner", "events"],
    "trade_overview": ["trade_annual", "trade_by_partner", "fta_parties"],
    "upgrades_timeline": ["partnership_upgrades", "partners"],
    "news_digest": ["events", "partnership_upgrades"],
    "fta_profile": [
        "ftas",
        "fta_parties",
        "trade_by_partner",
        "trade_annual",
        "events",
        "bloc_changes",
    ],
    "activity_review": ["events", "activity_tallies"],
    "partner_comparison": ["partnership_upgrades", "trade_by_partner", "trade_annual", "events"],
    "bloc_profile": ["partners", "partnership_upgrades", "fta_parties", "events", "bloc_changes"],
}


@pytest.mark.parametrize("label", LABELS)
def test_footer_has_provenance(rendered, label):
    page, result = _page(rendered, label)
    text = _text(page)
    assert f"ngkt-analysis {ngkt.__version__}" in text
    assert result.run_date in text
    for name in FOOTER_DATASETS[result.kind]:
        assert f"{name}.csv" in text
        assert ngkt.load(name).attrs["sha256"][:16] in page


# The expected strings below are pinned from the data rows (sums done by hand), not recomputed
# with the code that wrote the page.


def test_partner_profile_defaults_headline(rendered):
    text = _text(_page(rendered, "profile_default")[0])
    assert "United States: partner profile" in text
    # a real fact: the comprehensive strategic partnership of 10 September 2023
    assert "Viet Nam's comprehensive strategic partnership since 10 September 2023" in text
    # 2024: exports 119.5 + imports 15.0 = 134.5 of Vietnam's 786.29 bn = 17.1 %
    assert "In 2024 bilateral trade reached 134.5 billion USD, 17.1% of Viet Nam's total" in text


def test_partner_profile_from_a_vietnamese_alias_in_vietnamese(rendered):
    page, result = _page(rendered, "profile_alias_vi")
    assert result.parameters["partner"] == "CHN"  # the alias was resolved before the run
    text = _text(page)
    assert "Hồ sơ đối tác: Trung Quốc" in text
    assert "255,0 tỷ USD" in text  # 2025: exports 69 + imports 186, Vietnamese decimal comma
    assert "Đối tác chiến lược toàn diện" in text
    assert "ACFTA, RCEP" in text  # the agreements governing Vietnam–China trade


def test_annual_review_defaults_headline(rendered):
    text = _text(_page(rendered, "review_default")[0])
    assert "2024: the year in economic diplomacy" in text
    assert "786.3 billion USD" in text  # 405.53 + 380.76
    assert "upgraded 6 partnership frameworks" in text  # AUS, MNG, FRA, ARE, BRA, MYS
    assert "Directive 15-CT/TW" in text and "2022-08-10" in text  # a directive in force


def test_annual_review_of_a_quiet_year(rendered):
    text = _text(_page(rendered, "review_quiet_vi")[0])
    assert "Năm 2012: ngoại giao kinh tế" in text
    # 2012: APEC Vladivostok, the 20th and 21st ASEAN summits, the Nuclear Security Summit, ...
    assert "Bộ dữ liệu ghi nhận 12 sự kiện, trong đó 11 hoạt động cấp cao" in text


def test_trade_overview_headlines(rendered):
    text = _text(_page(rendered, "trade_default")[0])
    assert "In 2025 Viet Nam's trade turnover was 930.1 billion USD" in text  # 475.06 + 455
    assert "Exports grew 13.4% a year on average in 2010–2025" in text  # 71.6 → 475.06
    text_vi = _text(_page(rendered, "trade_total_vi")[0])
    assert "Thương mại Việt Nam giai đoạn 2015–2025" in text_vi
    assert "930,1 tỷ USD" in text_vi


def test_upgrades_timeline_headlines(rendered):
    text = _text(_page(rendered, "timeline_since_vi")[0])
    assert "Việt Nam có khuôn khổ quan hệ với 45 đối tác" in text
    assert "2 quan hệ đặc biệt, 15 đối tác chiến lược toàn diện" in text
    assert "Từ năm 2020 đã có 27 lần" in text
    assert "Campuchia: chưa có nguồn ghi ngày thiết lập khuôn khổ" in text


def test_news_digest_of_the_sample_articles(rendered):
    text = _text(_page(rendered, "digest_default")[0])
    assert "News digest: economic diplomacy" in text
    assert "5 articles yield 38 records" in text
    assert "15-CT/TW" in text
    assert "gần 60 hoạt động" in text  # the seed's cadence figure, as written
    assert "0 of the events and 0 of the upgrades are not in the datasets yet" in text


def test_news_digest_of_an_archive_flags_what_is_new(rendered):
    page, result = _page(rendered, "digest_archive_vi")
    text = _text(page)
    f = facts.news_digest(result.parameters["articles"])  # the one plumbing test kept
    assert f.n_articles == 12
    assert "Điểm tin ngoại giao kinh tế" in text
    assert f"{f.n_new_events} sự kiện và {f.n_new_upgrades} lần nâng cấp chưa có" in text
    assert "/" not in f.source_label  # the footer shows the file name, never a full path


def test_a_real_report_renders_byte_identically(rendered, report_jobs, tmp_path):
    out, results = rendered
    first = results["profile_alias_vi"]
    again = render_batch([report_jobs["profile_alias_vi"]], tmp_path, workers=1)[0]
    assert (tmp_path / again.html).read_bytes() == (out / first.html).read_bytes()
    assert (tmp_path / again.ipynb).read_bytes() == (out / first.ipynb).read_bytes()


def test_index_lists_every_kind(rendered):
    out, results = rendered
    index = (out / "index.html").read_text(encoding="utf-8")
    for result in results.values():
        assert f'href="{result.html}"' in index
    assert 'class="status-failed"' not in index


@pytest.mark.parametrize("kind", list(CHARTS))
def test_parameters_are_declared_with_help_and_a_language(kind):
    spec = notebook_spec(kind)
    assert spec["lang"].choices == ("en", "vi")
    assert "run_date" in spec
    assert all(p.help for p in spec.values())


@pytest.mark.parametrize("kind", list(CHARTS))
def test_notebooks_are_stored_clean(kind):
    from ngkt_analysis.paths import notebooks_dir

    nb = nbformat.read(notebooks_dir() / f"{kind}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_defaults_in_a_fresh_job_are_accepted_without_a_kernel():
    from ngkt_analysis.reports.execute import prepare

    items = prepare([Job(kind) for kind in CHARTS])
    assert [i.kind for i in items] == list(CHARTS)


def test_stored_notebooks_run_top_to_bottom_as_in_jupyterlab():
    """No injected parameters: the notebook's own defaults, as an analyst opening it gets."""
    from ngkt_analysis.paths import notebooks_dir
    from ngkt_analysis.reports.engines import Task
    from ngkt_analysis.reports.local_engine import WarmKernel

    kernel = WarmKernel()
    try:
        for kind in CHARTS:
            nb = nbformat.read(notebooks_dir() / f"{kind}.ipynb", as_version=4)
            result = kernel.execute(Task(kind, lambda nb=nb: nb))
            assert result.error is None, result.error
    finally:
        kernel.stop()


@pytest.mark.parametrize("label", LABELS)
def test_every_chart_cites_the_sources_of_its_data(rendered, label):
    """The source line comes from the frame's provenance (attrs), never typed in a notebook."""
    import json

    page, _ = _page(rendered, label)
    decoder = json.JSONDecoder()
    for match in re.finditer(r'Plotly\.newPlot\(\s*"ngkt-fig-\d+",\s*', page):
        _, end = decoder.raw_decode(page, match.end())
        layout, _ = decoder.raw_decode(page, page.index("{", end))
        lines = [a["text"] for a in layout.get("annotations", [])]
        assert any(re.match(r"(Source|Nguồn): \S", text) for text in lines), lines


def test_fta_profile_of_the_evfta(rendered):
    page, result = _page(rendered, "fta_default")
    text = _text(page)
    assert result.parameters["agreement"] == "EVFTA"
    assert "EU–Vietnam Free Trade Agreement (EVFTA) was signed on 30 June 2019" in text
    assert "with 27 counterparties; it entered into force for Viet Nam on 1 August 2020" in text
    # 2024: the EU row (68 bn USD, Deputy FM's year review) of Vietnam's 786.3 bn turnover
    assert "In 2024 Viet Nam's trade with them was 68.0 billion USD, 8.6% of its total." in text
    assert "Signing of the EU–Vietnam FTA (EVFTA)" in text


def test_fta_profile_in_vietnamese_lists_each_partys_own_date(rendered):
    text = _text(_page(rendered, "fta_cptpp_vi")[0])
    assert "Hiệp định thương mại tự do CPTPP" in text
    assert "Vương quốc Anh 2024-12-15" in text and "Ma-lai-xi-a 2022-11-29" in text
    assert "chưa tính được tỷ trọng thương mại mà hiệp định bao phủ" in text  # no full year


def test_activity_review_of_the_seed_window_against_its_tally(rendered):
    text = _text(_page(rendered, "activity_default")[0])
    assert "High-level external activities, 1 January 2023 – 2 April 2024" in text
    # seed article 001: "gần 60 hoạt động đối ngoại cấp cao"; the data hold 54 of them
    assert "the data record 54 high-level external activities" in text
    assert "The ministry's own tally for this window is nearly 60; the data hold 90% of it." in text


def test_activity_review_of_2025_in_vietnamese(rendered):
    text = _text(_page(rendered, "activity_2025_vi")[0])
    assert "Từ 1/1/2025 đến 31/12/2025, dữ liệu ghi nhận 70 hoạt động đối ngoại cấp cao" in text
    assert "Theo thống kê của Bộ Ngoại giao, giai đoạn này có 75 hoạt động" in text
    assert "FutureWarning" not in text


def test_partner_comparison_of_the_four_largest_partners(rendered):
    page, result = _page(rendered, "comparison_default")
    text = _text(page)
    assert result.parameters["partners"] == "USA,CHN,JPN,KOR"
    assert "United States, China, Japan and South Korea: side by side" in text
    # all four are comprehensive strategic partners (USA 2023, CHN 2008, JPN 2023, KOR 2022)
    assert text.count("(comprehensive strategic partnership)") == 4


def test_partner_comparison_of_the_special_partners_in_vietnamese(rendered):
    page, result = _page(rendered, "comparison_special_vi")
    assert result.parameters["partners"] == "LAO,KHM"
    text = _text(page)
    assert "So sánh 2 đối tác: Lào (quan hệ đặc biệt) và Campuchia (quan hệ đặc biệt)" in text
    assert "2.024" not in text  # years read as years
    assert "2023-01-08" not in text  # Cambodia's attested date is not its framework's start
    # Cambodia has no dated step, so the ladder chart cannot draw it: the page says so
    assert "Không có trên biểu đồ các nấc quan hệ" in text and "xác định: Campuchia." in text


def test_partner_comparison_names_no_one_off_the_ladder_when_all_are_dated(rendered):
    text = _text(_page(rendered, "comparison_default")[0])
    assert "Not on the ladder chart" not in text


def test_bloc_profile_of_asean(rendered):
    page = _page(rendered, "bloc_default")[0]
    text = _text(page)
    assert "ASEAN: members and Viet Nam" in text
    # as of 2026-11-24: LAO, KHM special; IDN, MYS, SGP, THA CSP; PHL SP; BRN, MMR comprehensive
    assert "ASEAN has 10 members; Viet Nam holds a partnership framework with 9 of them" in text
    assert "2 special relationship, 4 comprehensive strategic partnership" in text
    assert "Agreements in force with members: ATIGA, CPTPP, RCEP." in text
    assert "Timor-Leste joined on 26 October 2025." in page


def test_a_bloc_without_a_trade_row_says_so():
    from ngkt_analysis.reports.facts import bloc_profile

    g7 = bloc_profile("g7", RUN_DATE)
    assert (
        g7.code is None
        and g7.bloc_trade.empty
        and list(g7.bloc_trade.columns)[:4]
        == [
            "year",
            "exports",
            "imports",
            "turnover",
        ]
    )
    assert sorted(g7.members["partner"]) == ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]


def test_bloc_profile_of_the_eu_in_vietnamese(rendered):
    page, result = _page(rendered, "bloc_eu_vi")
    assert result.parameters["bloc"] == "EU"  # the code EUU resolves to the group
    text = _text(page)
    assert "EU có 27 thành viên" in text and "EVFTA" in text
    # the EU row of each year covers that year's members: the page says who came and went
    assert "Croatia gia nhập ngày 1/7/2013 và Vương quốc Anh rời khối ngày 31/1/2020" in page
