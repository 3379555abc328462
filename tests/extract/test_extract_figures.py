"""Figure rules (guidelines §3): what is counted, and numbers that are not figures."""

import pytest

from ngkt_analysis.extract import article


def _figures(text: str) -> list[tuple]:
    return [
        (f["raw"], f["value"], f["unit"], f["indicator"])
        for f in article(text).to_dict()["figures"]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jeonbuk có dân số 1,9 triệu người gồm 6 thành phố và 8 quận.",
            [
                ("6 thành phố", 6.0, "count", "count_localities"),
                ("8 quận", 8.0, "count", "count_localities"),
            ],
        ),
        ("Tỉnh có 5 huyện biên giới.", [("5 huyện", 5.0, "count", "count_localities")]),
        ("Hiệp định gồm 15 chương và các phụ lục.", [("15 chương", 15.0, "count", "count_other")]),
        (
            "Sau 19 phát đại bác chào mừng, hai bên hội đàm.",
            [("19 phát đại bác", 19.0, "count", "count_other")],
        ),
        # one line break inside a hard-wrapped sentence still joins a number and its unit
        ("Kim ngạch đạt 1.234\ntỷ đồng.", [("1.234\ntỷ đồng", 1234000000000.0, "VND", None)]),
    ],
)
def test_counted_things(text, expected):
    got = _figures(text)
    assert [g[:3] for g in got] == [e[:3] for e in expected]
    assert [g[3] for g in got if g[2] == "count"] == [e[3] for e in expected if e[2] == "count"]


@pytest.mark.parametrize(
    "text",
    [
        "KẾ HOẠCH NĂM 2020\n\n \n\nCHƯƠNG TRÌNH HỢP TÁC",  # a year above a heading
        "Việt Nam có quan hệ với Pháp.\n\n0810 Doi tac chien luoc toan dien 1.jpg\n",  # a file name
        "thiết lập quan hệ kết nghĩa giữa 2 tỉnh Quảng Trị - Jeonbuk",  # the two provinces
        "quảng bá trên website của 2 thành phố kết nghĩa",
    ],
)
def test_not_figures(text):
    assert _figures(text) == []


def test_a_count_of_provinces_other_than_two_is_a_figure():
    assert _figures("Đoàn làm việc tại 3 tỉnh miền Trung.") == [
        ("3 tỉnh", 3.0, "count", "count_localities")
    ]


def _indicators(text: str) -> list[tuple[str, str]]:
    return [(f["raw"], f["indicator"]) for f in article(text).to_dict()["figures"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the generic "đầu tư" of "nhà đầu tư" in a sentence about FDI
        (
            "Tổng vốn đầu tư nước ngoài (FDI) gồm giá trị góp vốn của nhà đầu tư nước ngoài đạt"
            " 31,52 tỷ USD.",
            [("31,52 tỷ USD", "fdi")],
        ),
        (
            "Vốn đầu tư trực tiếp nước ngoài thực hiện ước đạt 21,3 tỷ USD.",
            [("ước đạt 21,3 tỷ USD", "fdi_disbursed")],
        ),
        # a change "so với cùng kỳ năm trước về số dự án" is a change in a count
        (
            "Có 3.321 dự án mới, tăng 21,1% so với cùng kỳ năm trước về số dự án.",
            [("3.321 dự án", "count_projects"), ("tăng 21,1%", "count_projects")],
        ),
        # a clause after a semicolon goes on with the measure of the one before
        (
            "Hàng hóa nhập khẩu từ Ấn Độ tăng 9,8%, đạt 12,2 tỷ USD; Hàn Quốc tăng 8,2%, đạt"
            " 41,5 tỷ USD.",
            [
                ("tăng 9,8%", "imports"),
                ("12,2 tỷ USD", "imports"),
                ("tăng 8,2%", "imports"),
                ("41,5 tỷ USD", "imports"),
            ],
        ),
    ],
)
def test_indicators(text, expected):
    assert _indicators(text) == expected


def test_a_sentence_without_a_cue_after_a_full_stop_inherits_nothing():
    text = "Nhập khẩu từ Ấn Độ đạt 12,2 tỷ USD. Hàn Quốc đạt 41,5 tỷ USD."
    assert _indicators(text) == [("12,2 tỷ USD", "imports"), ("41,5 tỷ USD", "other")]
