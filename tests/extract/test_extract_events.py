"""Event recall rules: date ranges, wrapped lines, same-day occasions, what is not an occasion."""

import pytest

from ngkt_analysis.extract import article
from ngkt_analysis.extract.dates import find_dates
from ngkt_analysis.extract.text import split_sentences


def _events(text: str) -> list[tuple]:
    return [
        (
            e["date_raw"],
            e["year"],
            e["month"],
            e["day"],
            e["end_month"],
            e["end_day"],
            e["event_type"],
        )
        for e in article(text).to_dict()["events"]
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "từ D đến D-M": the month and year at the end apply to both ends
        ("trong các ngày từ 26 đến 28-10, hội nghị", ("từ 26 đến 28-10", None, 10, 26, 10, 28)),
        (
            "từ ngày 25 đến ngày 28-10 theo lời mời",
            ("từ ngày 25 đến ngày 28-10", None, 10, 25, 10, 28),
        ),
        ("tới Hàn Quốc từ ngày 4 đến 6/12/2022.", ("từ ngày 4 đến 6/12/2022", 2022, 12, 4, 12, 6)),
        # a range across a month boundary, with either separator word
        ("Từ ngày 30/10 - 03/11/2017, đoàn", ("Từ ngày 30/10 - 03/11/2017", 2017, 10, 30, 11, 3)),
        ("từ ngày 30/10 đến 3/11/2017, đoàn", ("từ ngày 30/10 đến 3/11/2017", 2017, 10, 30, 11, 3)),
    ],
)
def test_date_ranges(text, expected):
    d = find_dates(text)[0]
    assert (d.raw, d.year, d.month, d.day, d.end_month, d.end_day) == expected


def test_a_bare_number_range_needs_a_date_word():
    assert find_dates("đạt 26 đến 28-10 điểm") == []


def test_cross_month_range_has_an_end_date():
    d = find_dates("Từ ngày 30/10 - 03/11/2017, đoàn công tác đến thăm tỉnh Jeonbuk")[0]
    assert (d.date, d.date_end) == ("2017-10-30", "2017-11-03")


def test_hard_wrapped_lines_stay_one_sentence():
    text = "Ngày 25-7, tại Tel Aviv, với sự chứng\nkiến của Thủ tướng, hai Bộ trưởng đã ký kết"
    text += " Hiệp định.\nHướng\nvào thị trường\nẢnh: TTXVN"
    s = split_sentences(text)
    got = [text[a:b] for a, b in zip(s.starts, s.ends, strict=True)]
    assert got[0] == text[: text.index("Hiệp định.") + len("Hiệp định.")]
    assert got[1:] == ["Hướng\nvào thị trường", "Ảnh: TTXVN"]


def test_line_break_after_a_comma_continues_the_sentence():
    text = (
        "Sáng\nngày 01/3/2024, Đoàn do đồng chí Phạm Văn Toàn,\nPhó Giám đốc Sở, đến thăm tỉnh bạn."
    )
    assert _events(text) == [("Sáng\nngày 01/3/2024", 2024, 3, 1, None, None, "visit")]


def test_event_across_a_wrapped_line():
    text = "Ngày 25-7, tại Tel Aviv, với sự chứng\nkiến của Thủ tướng, hai Bộ trưởng đã ký kết FTA."
    assert _events(text) == [("Ngày 25-7", None, 7, 25, None, None, "signing")]


def test_same_day_occasions_of_different_kinds_are_separate():
    text = (
        "Sáng 26-10, tại Kuala Lumpur, Thủ tướng Malaysia dự phiên khai mạc Hội nghị cấp cao"
        " ASEAN. Diễn ra trong các ngày từ 26 đến 28-10, Hội nghị cấp cao ASEAN gồm 20"
        " phiên họp. Trước đó, rạng sáng ngày 26-10, Thủ tướng Phạm Minh Chính đã tới Kuala"
        " Lumpur, bắt đầu chuyến công tác."
    )
    assert _events(text) == [
        ("Sáng 26-10", None, 10, 26, None, None, "conference"),
        ("từ 26 đến 28-10", None, 10, 26, 10, 28, "conference"),
        ("rạng sáng ngày 26-10", None, 10, 26, None, None, "visit"),
    ]


def test_the_same_occasion_repeated_is_one_record():
    text = "Sáng 26-10, khai mạc Hội nghị cấp cao ASEAN. Sáng 26-10, Hội nghị cấp cao ASEAN họp."
    assert [e[0] for e in _events(text)] == ["Sáng 26-10"]


def test_a_meeting_chaired_is_a_conference():
    text = "Chiều 26/8, Thủ tướng Phạm Minh Chính đã chủ trì cuộc họp của Ban Chỉ đạo quốc gia."
    assert _events(text) == [("Chiều 26/8", None, 8, 26, None, None, "conference")]


def test_entry_into_force_is_not_an_occasion():
    text = "Hai nước đã ký Hiệp định UKVFTA, chính thức có hiệu lực ngày 31/12/2020."
    assert _events(text) == []


def test_year_of_establishing_relations_is_an_event():
    text = "Đây là chuyến thăm đầu tiên kể từ khi hai nước thiết lập quan hệ ngoại giao năm 1992."
    events = article(text).to_dict()["events"]
    assert [(e["date_raw"], e["date"], e["event_type"]) for e in events] == [
        ("năm 1992", "1992", "other")
    ]


def test_a_year_mentioned_elsewhere_is_not_an_event():
    assert _events("Kim ngạch thương mại hai nước năm 1992 đạt 1 tỷ USD.") == []


def test_date_in_parentheses_dates_the_phrase_before_it():
    taking_office = (
        "Chủ tịch nước là lãnh đạo đầu tiên thăm cấp Nhà nước Hàn Quốc kể từ khi Tổng thống"
        " lên nắm quyền (tháng 5/2022), thể hiện sự coi trọng khi đón tiếp Chủ tịch nước."
    )
    assert _events(taking_office) == []
    visit = (
        "Hai bên nâng cấp quan hệ nhân chuyến thăm của Tổng Bí thư, Chủ tịch nước (6-7/10/2024)."
    )
    assert _events(visit) == [("6-7/10/2024", 2024, 10, 6, 10, 7, "visit")]


@pytest.mark.parametrize("relative", ["Sáng nay", "Chiều qua", "Hôm nay"])
def test_date_in_parentheses_after_a_relative_day_dates_the_sentence(relative):
    text = f"{relative} (7/3), Thủ tướng Phạm Minh Chính gặp Tổng thống Hàn Quốc."
    assert _events(text) == [("7/3", None, 3, 7, None, None, "meeting")]
