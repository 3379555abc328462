"""The index and one report of each kind in headless Chromium: no console errors, charts drawn."""

import os
import shutil
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
SCREENSHOTS = Path(__file__).parents[2] / "reports" / "screenshots"
ONE_OF_EACH = [
    "profile_alias_vi",
    "review_default",
    "trade_total_vi",
    "timeline_default",
    "digest_archive_vi",
]

pytestmark = [
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


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chrome = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chrome
        chrome.close()


def _open(browser, path: Path, shot: str):
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
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=True)
    state = page.evaluate(CHART_STATE)
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
