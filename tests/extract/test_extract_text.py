"""Phrase alternations and sentence spans: the fast forms find what the plain forms find."""

import re

import pytest

from ngkt_analysis.extract.text import alternation, loose, split_sentences

PHRASES = ["hội nghị", "Hội nghị thượng đỉnh", "họp", "tiếp", "tiếp xã giao", "gặp", "gap", "Mỹ"]
TEXTS = [
    "Sáng 21/12, Hội nghị thượng đỉnh khai mạc; Thủ tướng tiếp xã giao Đại sứ Mỹ.",
    "HỘI NGHỊ họp, tiếp tục gặp gỡ; Atiếp không phải tiếp, hoi nghi thuong dinh",
    "Mỹ Tho, mỹ, MỸ, gapx, gặp.",
]


def _plain(phrases: list[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(loose(p) for p in ordered) + r")(?!\w)"


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_alternation_finds_what_the_plain_alternation_finds(text, flags):
    fast = re.compile(alternation(PHRASES, case_sensitive=not flags), flags)
    plain = re.compile(_plain(PHRASES), flags)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_alternation_prefers_the_longest_phrase_and_keeps_word_boundaries():
    rx = re.compile(alternation(PHRASES), re.IGNORECASE)
    assert [m.group() for m in rx.finditer(TEXTS[1])] == [
        "HỘI NGHỊ",
        "họp",
        "tiếp",
        "gặp",
        "tiếp",
        "hoi nghi thuong dinh",
    ]


def test_case_sensitive_alternation_ignores_other_cases():
    rx = re.compile(alternation(["Mỹ", "Hà Nội"], case_sensitive=True))
    assert [m.group() for m in rx.finditer("Mỹ, mỹ, hà nội, Ha Noi")] == ["Mỹ", "Ha Noi"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hội nghị khai mạc. Thủ tướng dự.", ["Hội nghị khai mạc.", "Thủ tướng dự."]),
        ("Hội nghị khai mạc.Thủ tướng dự!", ["Hội nghị khai mạc.", "Thủ tướng dự!"]),
        ("đạt 1.234,5 tỷ đồng; 15 dự án", ["đạt 1.234,5 tỷ đồng;", "15 dự án"]),
        ("đạt 5 tỷ; các nước", ["đạt 5 tỷ; các nước"]),
        ("Tiêu đề\n\nNội dung.\nẢnh: TTXVN", ["Tiêu đề", "Nội dung.", "Ảnh: TTXVN"]),
        (
            "với sự chứng\nkiến của Thủ tướng,\nBộ trưởng ký.",
            ["với sự chứng\nkiến của Thủ tướng,\nBộ trưởng ký."],
        ),
        ("Hỏi? “Đáp” ... đúng", ["Hỏi?", "“Đáp” ... đúng"]),
    ],
)
def test_sentence_spans(text, expected):
    s = split_sentences(text)
    assert [text[a:b] for a, b in zip(s.starts, s.ends, strict=True)] == expected
