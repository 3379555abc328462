"""The message catalog: every key in both languages, none unused, no silent fallback."""

import json
import re
from pathlib import Path

import pytest

from ngkt_analysis import ParameterError
from ngkt_analysis.datasets import LEVELS
from ngkt_analysis.reports import messages
from ngkt_analysis.reports.messages import catalog, fmt_date, fmt_number, t

ROOT = Path(__file__).parents[2]


def _code() -> str:
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "ngkt_analysis").rglob("*.py")]
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        texts += ["".join(c["source"]) for c in cells]
    return "\n".join(texts)


def test_every_key_has_both_languages():
    for key, texts in catalog().items():
        assert set(texts) == {"en", "vi"}, key
        assert texts["en"].strip() and texts["vi"].strip(), key
        # the same {fields} in both languages
        en, vi = (set(re.findall(r"{(\w+)}", texts[lang])) for lang in ("en", "vi"))
        assert vi <= en, key  # Vietnamese needs no {plural}


def test_no_key_is_unused():
    code = _code()
    from ngkt_analysis.metrics.events import TYPES

    generated = (
        {f"level.{level}" for level in LEVELS}
        | {f"event_type.{kind}" for kind in TYPES}
        | {f"leader.{key}" for key in ("general_secretary", "president", "prime_minister")}
        | {"leader.na_chair", "leader.hosted"}
        | {f"qualifier.{q}" for q in ("nearly", "about", "more_than")}
        | {  # keys built from a name
            f"footer.{k}"
            for k in ("data", "dataset", "title", "sources", "sha256", "version", "parameters")
        }
        | {"footer.run_date"}
    )
    unused = [
        key
        for key in catalog()
        if key not in generated
        and f'"{key}"' not in code
        and f'"{key.removeprefix("say.")}"' not in code
    ]
    assert unused == []


def test_an_unknown_language_or_key_is_an_error():
    with pytest.raises(ParameterError, match="parameter 'lang': got 'fr'; allowed: en, vi"):
        t("year", "fr")
    with pytest.raises(ParameterError, match="message key"):
        t("no.such.key", "en")


def test_one_word_for_one_thing():
    # the disagreements the catalog replaced: surplus and turnover each have one Vietnamese word
    assert t("surplus", "vi") == "xuất siêu" and t("deficit", "vi") == "nhập siêu"
    assert t("turnover", "vi") == t("total", "vi") == "Tổng kim ngạch"


def test_formats_do_not_follow_the_process_locale(monkeypatch):
    import locale

    monkeypatch.setattr(locale, "setlocale", lambda *a, **k: "vi_VN.UTF-8")
    assert fmt_date("2024-10-07", "en") == "7 October 2024"
    assert fmt_date("2024-10-07", "vi") == "7/10/2024"
    assert fmt_number(1234.5, 1, "vi") == "1.234,5" and fmt_number(float("nan")) == "–"
    assert messages.LOCALES == {"en": "en_GB", "vi": "vi"}


def test_display_code_never_loads_data():
    """narrative, charts and messages format what facts give them; only facts load datasets."""
    for module in ("narrative", "blocks", "charts", "messages"):
        code = (ROOT / "ngkt_analysis" / "reports" / f"{module}.py").read_text(encoding="utf-8")
        assert "load(" not in code and "reports.facts" not in code, module
