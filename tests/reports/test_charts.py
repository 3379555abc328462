import pandas as pd

from ngkt_analysis.reports import charts

KW = {"title": "t", "x_title": "x", "y_title": "y", "source": "s"}


def test_a_chart_without_points_is_a_sentence():
    empty = pd.DataFrame({"year": [2020, 2021], "v": [float("nan")] * 2})
    out = charts.lines(empty, "year", "v", empty="No sourced trade figures for Laos.", **KW)
    assert isinstance(out, charts.Notice)
    assert out._repr_html_() == "<p class='ngkt-no-data'>No sourced trade figures for Laos.</p>"
    vi = charts.bars(empty.iloc[0:0], "year", "v", lang="vi", **KW)
    assert "Dữ liệu chưa có" in vi.text
    assert isinstance(charts.timeline(pd.DataFrame({"d": []}), "d", "r", "c", **KW), charts.Notice)


def test_a_missing_year_breaks_the_line():
    df = pd.DataFrame({"year": [2016, 2019], "v": [1.0, 2.0]})
    fig = charts.lines(df, "year", "v", **KW)
    trace = fig.data[0]
    assert list(trace.x) == [2016, 2017, 2018, 2019]
    assert pd.isna(trace.y[1]) and pd.isna(trace.y[2]) and trace.connectgaps is False
    assert fig.layout.xaxis.tickformat == "d"


def test_bars_three_years_apart_are_each_one_year_wide():
    df = pd.DataFrame({"year": [2018, 2021, 2024], "v": [0.23, 0.19, 0.22]})
    trace = charts.bars(df, "year", "v", **KW).data[0]
    assert list(trace.x) == list(range(2018, 2025))  # plotly sizes a bar by the nearest x
    assert [v for v in trace.y if pd.notna(v)] == [0.23, 0.19, 0.22]


def test_a_source_cited_by_two_datasets_is_named_once():
    sources = ["Customs; GSO", "Customs; GSO; Ministry of Industry and Trade"]
    fig = charts.lines(
        pd.DataFrame({"year": [2022], "v": [1.0]}), "year", "v", **KW | {"source": sources}
    )
    assert fig.layout.annotations[0].text == "Source: Customs; GSO; Ministry of Industry and Trade"


def test_one_event_still_reads_as_a_date():
    one = pd.DataFrame({"d": pd.to_datetime(["2024-10-07"]), "r": ["visit"], "c": ["visit"]})
    fig = charts.timeline(one, "d", "r", "c", **KW)
    assert fig.layout.xaxis.type == "date"
    assert list(fig.layout.xaxis.range) == ["2024-09-07", "2024-11-06"]  # 30 days each side
    assert fig.layout.xaxis.tickformat == "%b %Y"


def test_a_single_year_is_padded_and_labelled_as_a_year():
    fig = charts.lines(pd.DataFrame({"year": [2022], "v": [44.6]}), "year", "v", **KW)
    assert list(fig.layout.xaxis.range) == [2021, 2023] and fig.layout.xaxis.dtick == 1


def test_the_coverage_note_is_printed_above_the_chart():
    df = pd.DataFrame({"year": [2022], "v": [44.6]})
    fig = charts.lines(df, "year", "v", note="Partner rows cover 75.6% of exports.", **KW)
    bundle = fig._repr_mimebundle_()
    assert bundle["text/html"].startswith("<p class='ngkt-note'>Partner rows cover 75.6%")
    assert "application/vnd.plotly.v1+json" in bundle


def test_importing_charts_leaves_the_users_plotly_renderer_alone():
    import subprocess
    import sys

    code = (
        "import plotly.io as pio; before = pio.renderers.default; "
        "import ngkt_analysis.reports.charts; print(before == pio.renderers.default)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_a_world_map_carries_its_outlines_and_fetches_nothing():
    df = pd.DataFrame({"partner": ["LAO", "USA"], "level": ["special", "comprehensive_strategic"]})
    levels = {"special": "Special", "comprehensive_strategic": "CSP"}
    fig = charts.world_map(df, "partner", "level", categories=levels, colours={}, **KW)
    trace = fig.data[0]
    z = dict(zip(trace.locations, trace.z, strict=True))
    assert z["LAO"] == 1 and z["USA"] == 2 and z["VNM"] == 3 and z["FRA"] == 0
    assert "ATA" not in z and len(z) > 150
    assert fig.layout.geo.visible is False  # no base layer to fetch
    html = fig._repr_mimebundle_()["text/html"]
    assert html.startswith("<script>window.PlotlyGeoAssets") and "cdn.plot.ly" not in html
    assert isinstance(charts.world_map(df.iloc[0:0], "partner", "level", categories=levels,
                                       colours={}, **KW), charts.Notice)  # fmt: skip


def test_a_ladder_with_no_dated_step_is_a_sentence():
    undated = pd.DataFrame({"partner": ["Cambodia"], "level": ["special"], "date": [pd.NaT]})
    out = charts.ladder_figure(
        undated, title="t", x_title="x", level_labels={"special": "Special"}, empty="None dated."
    )
    assert isinstance(out, charts.Notice) and out.text == "None dated."


def test_entry_into_force_marks_are_dashed_lines_with_their_label():
    df = pd.DataFrame({"year": [2018, 2022], "v": [1.0, 2.0]})
    fig = charts.lines(df, "year", "v", marks={"EVFTA": 2020.58}, **KW)
    (shape,) = fig.layout.shapes
    assert (shape.x0, shape.x1, shape.line.dash, shape.yref) == (
        2020.58,
        2020.58,
        "dash",
        "y domain",
    )
    assert [a.text for a in fig.layout.annotations] == ["Source: s", "EVFTA"]


def test_levels_start_from_zero_and_a_long_source_line_wraps_inside_the_chart():
    df = pd.DataFrame({"year": [2020, 2024], "v": [49.8, 68.0]})
    sources = [f"Source agency number {i} with a long official name" for i in range(6)]
    fig = charts.lines(df, "year", "v", **KW | {"source": sources})
    assert fig.layout.yaxis.rangemode == "tozero"  # a rise is drawn to scale
    text = fig.layout.annotations[0].text
    assert text.count("<br>") >= 2 and all(len(line) <= 131 for line in text.split("<br>"))
    assert fig.layout.margin.b > 90  # room below the plot for every line
