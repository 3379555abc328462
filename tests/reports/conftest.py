"""One render of every report kind (defaults and one other parameter set), shared by the tests."""

from pathlib import Path

import pytest

from ngkt_analysis.reports.execute import Job, render_batch

RUN_DATE = "2026-11-24"
FINAL_ARTICLES = Path(__file__).parents[1] / "fixtures" / "extract" / "final" / "articles.jsonl"
JOBS = {
    "profile_default": Job("partner_profile", {}),
    "profile_alias_vi": Job(
        "partner_profile", {"partner": "Trung Quốc", "lang": "vi", "run_date": RUN_DATE}
    ),
    "review_default": Job("annual_review", {}),
    "review_quiet_vi": Job("annual_review", {"year": 2012, "lang": "vi", "run_date": RUN_DATE}),
    "trade_default": Job("trade_overview", {}),
    "trade_total_vi": Job(
        "trade_overview", {"start": 2015, "flow": "total", "top_n": 3, "lang": "vi"}
    ),
    "timeline_default": Job("upgrades_timeline", {}),
    "timeline_since_vi": Job(
        "upgrades_timeline", {"since": 2020, "lang": "vi", "run_date": RUN_DATE}
    ),
    "fta_default": Job("fta_profile", {"run_date": RUN_DATE}),
    "fta_cptpp_vi": Job("fta_profile", {"agreement": "cptpp", "lang": "vi", "run_date": RUN_DATE}),
    "activity_default": Job("activity_review", {"run_date": RUN_DATE}),
    "activity_2025_vi": Job(
        "activity_review",
        {"start": "2025-01-01", "end": "2025-12-31", "lang": "vi", "run_date": RUN_DATE},
    ),
    "comparison_default": Job("partner_comparison", {"run_date": RUN_DATE}),
    "comparison_special_vi": Job(
        "partner_comparison", {"partners": "Lào, Campuchia", "lang": "vi", "run_date": RUN_DATE}
    ),
    "bloc_default": Job("bloc_profile", {"run_date": RUN_DATE}),
    "bloc_eu_vi": Job("bloc_profile", {"bloc": "euu", "lang": "vi", "run_date": RUN_DATE}),
    "digest_default": Job("news_digest", {}),
    "digest_archive_vi": Job(
        "news_digest", {"articles": str(FINAL_ARTICLES), "lang": "vi", "run_date": RUN_DATE}
    ),
}


@pytest.fixture(scope="session")
def report_jobs():
    """The jobs rendered by ``rendered``, by label."""
    return JOBS


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """Render every job once on two warm kernels: (output folder, {label: ReportResult})."""
    out = tmp_path_factory.mktemp("reports")
    results = render_batch(list(JOBS.values()), out, workers=2)
    return out, dict(zip(JOBS, results, strict=True))


@pytest.fixture(scope="module")
def stable_data_hash():
    """Fixture notebooks read no data: pin the hash so edits to data/ cannot disturb resume."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("ngkt_analysis.reports.execute.data_hash", lambda: "fixture")
        yield
