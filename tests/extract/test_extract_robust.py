"""Page debris, line endings, missing diacritics, huge inputs, arbitrary Unicode."""

import json

from extract_fixtures import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from ngkt_analysis.extract import article


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_on_any_string(text):
    r = article(text)
    assert set(r.to_dict()) == {
        "id",
        "events",
        "figures",
        "partner_upgrades",
        "persons",
        "documents",
    }


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Sáng 21/12",
                "Chỉ thị số 15-CT/TW",
                "hơn 700 đại biểu",
                "Mỹ",
                "Đối tác chiến lược toàn diện",
                "nâng cấp",
                "(7/2019)",
                "Bộ trưởng",
                "Bùi Thanh Sơn",
                ",",
                "\r\n",
                "\u00a0",
                "…",
                "tỷ USD",
                "1.234,5",
            ]
        ),
        max_size=30,
    )
)
def test_never_raises_on_vietnamese_fragments(parts):
    article(" ".join(parts))


def test_spans_point_into_text():
    text = (SEEDS / "003_8430b1541a21d71d.txt").read_text(encoding="utf-8")
    r = article(text)
    for kind, frame in r.frames().items():
        for start, end, sentence in frame[["start", "end", "sentence"]].itertuples(index=False):
            assert r.text[start:end] in sentence, kind


def test_crlf_nbsp_and_debris():
    text = (
        "Chia sẻ bài viết\r\nA- A A+ | Tăng tương phản\r\nSáng\u00a021/12,\u00a0tại Hà Nội, Bộ "
        "Ngoại giao tổ chức hội nghị.\r\nẢnh minh hoạ\r\nW-hoicho.png\r\nĐang truy cập: 1"
    )
    r = article(text)
    assert r.events[["date_raw", "location"]].values.tolist() == [["Sáng 21/12", "Hà Nội"]]
    assert r.figures.empty


def test_without_diacritics():
    r = article(
        "Sang 21/12, Bo truong Bo Ngoai giao Bui Thanh Son chu tri hoi nghi voi hon 700 dai bieu."
    )
    assert r.events["date_raw"].tolist() == ["Sang 21/12"]
    assert r.figures[["value", "qualifier"]].values.tolist() == [[700.0, "hơn"]]
    assert r.persons["name"].tolist() == ["Bui Thanh Son"]


def test_five_megabytes_completes():
    seed = (SEEDS / "001_f84422dcfc65092c.txt").read_text(encoding="utf-8")
    text = (seed + "\n") * (5_000_000 // len(seed.encode()) + 1)
    r = article(text)
    assert len(r.figures) > 1000
    json.dumps(r.to_dict(), ensure_ascii=False)
