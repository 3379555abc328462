"""The index and one report of each kind in headless Chromium: no console errors, charts drawn."""

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# screenshots go to a temporary folder, or to $NGKT_SCREENSHOTS when set: never the checkout
SCREENSHOTS = Path(os.environ.get("NGKT_SCREENSHOTS") or tempfile.mkdtemp(prefix="ngkt-shots-"))
ONE_OF_EACH = [
    "profile_alias_vi",
    "review_default",
    "trade_total_vi",
    "timeline_default",
    "digest_archive_vi",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(
        not (Path(CHROMIUM).exists() or shutil.which("chromium"))
        and os.environ.get("CI") != "true",
        reason="Debian chromium is not installed (it is required when CI=true)",
    ),
]

CHART_STATE = """() => {
  const plots = [...document.querySelectorAll('div.plotly-graph-div')].map(div => {
    const svg = div.querySelector('svg.main-svg');
    const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    return {id: div.id, width: box.width, height: box.height,
            traces: div.querySelectorAll('g.trace, g.point, path.point').length};
  });
  const images = [...document.querySelectorAll('img')]
    .map(img => ({w: img.naturalWidth, h: img.naturalHeight}));
  return {plots, images};
}"""


DATA_POINTS = """() => [...document.querySelectorAll('div.plotly-graph-div')].map(div => {
  // values plotly actually placed: y of scatter points (a gap is not a point), size of bars
  let n = 0;
  for (const trace of div.calcdata || []) {
    for (const p of trace) {
      const type = trace[0].trace.type;
      const v = type === 'bar' ? p.s : type === 'choropleth' ? p.z : p.y;
      if (typeof v === 'number' && Number.isFinite(v)) n += 1;
    }
  }
  return {id: div.id, points: n};
})"""


CSV_LINKS_UNCOVERED = """() => [...document.querySelectorAll('a.ngkt-csv')].map(a => {
  // the link is what a click at its start reaches: nothing drawn after the chart covers it
  a.scrollIntoView({block: 'center'});
  const r = a.getBoundingClientRect();
  return document.elementFromPoint(r.left + 4, r.top + r.height / 2) === a;
})"""


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chrome = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chrome
        chrome.close()


@pytest.fixture(scope="module")
def default_site(tmp_path_factory):
    """The whole default report set (``ngkt reports``), rendered once with shared assets."""
    from ngkt_analysis.reports.execute import render_batch
    from ngkt_analysis.reports.plans import default_plan

    out = tmp_path_factory.mktemp("default-site")
    results = render_batch(default_plan(), out, workers=2, assets="shared")
    assert all(r.status == "ok" for r in results), [r.error for r in results if r.error]
    return out, results


def _open(browser, path: Path, shot: str | None = None, evaluate: str = CHART_STATE):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function(
        "() => [...document.querySelectorAll('div.plotly-graph-div')]"
        ".every(d => d.querySelector('svg.main-svg'))",
        timeout=20_000,
    )
    if shot:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=True)
    state = page.evaluate(evaluate)
    page.close()
    return errors, state


def test_index_opens_without_errors(browser, rendered):
    out, _ = rendered
    errors, _ = _open(browser, out / "index.html", "index")
    assert errors == []


@pytest.mark.parametrize("label", ONE_OF_EACH)
def test_report_opens_and_every_chart_draws(browser, rendered, label):
    out, results = rendered
    result = results[label]
    errors, state = _open(browser, out / result.html, result.name)
    assert errors == []
    assert state["plots"], "no plotly chart on the page"
    for plot in state["plots"]:
        assert plot["width"] > 100 and plot["height"] > 100, plot
        assert plot["traces"] > 0, plot
    for image in state["images"]:
        assert image["w"] > 0 and image["h"] > 0


def test_each_charts_csv_link_sits_clear_of_the_table_below(browser, rendered):
    out, results = rendered
    errors, links = _open(
        browser, out / results["profile_alias_vi"].html, evaluate=CSV_LINKS_UNCOVERED
    )
    assert errors == [] and len(links) >= 2 and all(links), links


def test_every_chart_of_the_default_set_draws_data(browser, default_site):
    out, results = default_site
    assert len(results) >= 30
    empty = []
    for result in results:
        errors, charts = _open(browser, out / result.html, evaluate=DATA_POINTS)
        assert errors == [], (result.name, errors)
        empty += [(result.name, c["id"]) for c in charts if c["points"] == 0]
    assert empty == []


def test_the_default_site_is_small_and_its_links_resolve(default_site):
    out, results = default_site
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert total < 25 * 1024 * 1024, f"{total / 1e6:.1f} MB"  # one plotly.js for the site
    assert len(list(out.glob("plotly-*.min.js"))) == 1
    for result in results:  # every language link leads to a page of the set
        page = (out / result.html).read_text(encoding="utf-8")
        other = re.search(r'class="ngkt-lang" href="([^"]+)"', page) or re.search(
            r'href="([^"]+)" hreflang=', page
        )
        assert other and (out / other.group(1)).is_file(), result.name
    datasets = (out / "datasets.html").read_text(encoding="utf-8")
    assert (
        'href="data/trade_by_partner.csv"' in datasets and (out / "data" / "events.csv").is_file()
    )
    assert "partner-years 2015–2025 of the 22 main partners" in datasets


def test_the_index_filters_offline_and_pages_link_across_languages(browser, default_site):
    out, _ = default_site
    page = browser.new_page()
    page.goto((out / "index.html").as_uri())
    total = page.locator("tbody tr").count()
    assert total >= 70
    page.fill("#filter", "lào vi")  # Laos, in Vietnamese: a name, not a code
    visible = page.locator("tbody tr:visible")
    assert visible.count() == 1
    assert "partner_profile-LAO" in visible.first.inner_text()
    assert page.inner_text("#shown") == f"1 of {total} reports shown"
    page.fill("#filter", "annual_review 2025")
    assert page.locator("tbody tr:visible").count() == 2  # en and vi
    page.fill("#filter", "")
    page.click("text=partner_profile-LAO-2010_2025-en")
    page.click("a.ngkt-lang")
    assert page.url.endswith("partner_profile-LAO-2010_2025-vi.html")
    assert "Hồ sơ đối tác: Lào" in page.inner_text("h1")
    page.click("text=← Tất cả báo cáo")
    assert page.url.endswith("index.html")
    page.close()


def test_the_maps_draw_offline(browser, default_site):
    """The partnership map draws every country from the page alone: no request leaves it."""
    out, _ = default_site
    for name, least in (("upgrades_timeline-2010-en.html", 150), ("bloc_profile-EU-vi.html", 25)):
        page = browser.new_page()
        outside: list[str] = []
        page.on(
            "request",
            lambda r, seen=outside: seen.append(r.url) if r.url.startswith("http") else None,
        )
        page.goto((out / name).as_uri(), wait_until="load")
        page.wait_for_function(
            "() => document.querySelectorAll('path.choroplethlocation').length > 0", timeout=20_000
        )
        drawn = page.locator("path.choroplethlocation").count()
        page.close()
        assert outside == [] and drawn >= least, (name, outside, drawn)
