"""Table-driven cases for events and partner upgrades (guidelines §2 and §4)."""

import pytest
from extract_fixtures import table

from ngkt_analysis.extract import article
from ngkt_analysis.extract.dates import find_published


def _int(s: str) -> int | None:
    return int(s) if s else None


def _text(row: dict[str, str]) -> str:
    return row["text"].replace("\\n", "\n")


@pytest.mark.parametrize("row", table("events.tsv"), ids=lambda r: r["text"] + "|" + r["date_raw"])
def test_events(row):
    events = article(_text(row)).to_dict()["events"]
    if not row["date_raw"]:
        assert events == []
        return
    e = next(e for e in events if e["date_raw"] == row["date_raw"])
    assert (e["year"], e["month"], e["day"], e["precision"]) == (
        _int(row["year"]),
        _int(row["month"]),
        _int(row["day"]),
        row["precision"],
    )
    assert e["event_type"] == row["event_type"]
    assert e["location"] == (row["location"] or None)


def test_listed_years_keep_one_record_per_leader():
    text = (
        "Các chuyến thăm Lào của các lãnh đạo: Thủ tướng Lê Văn Một (1998), "
        "Chủ tịch nước Trần Văn Hai (1998)."
    )
    years = [e["year"] for e in article(text).to_dict()["events"]]
    assert years == [1998, 1998]


@pytest.mark.parametrize("row", table("upgrades.tsv"), ids=lambda r: r["text"])
def test_upgrades(row):
    got = [
        f"{u['partner']}|{u['level']}|{u['date'] or ''}"
        for u in article(_text(row)).to_dict()["partner_upgrades"]
    ]
    assert got == ([r for r in row["records"].split(";")] if row["records"] else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" date 2025-09-16 Tiêu đề bài viết", "2025-09-16"),
        ("date 2024-04-03\nSáng 2/4", "2024-04-03"),
        ("Tiêu đề\n\n03/04/2024 - 20:24\n\nNội dung", "2024-04-03"),
    ],
)
def test_published_from_header(text, expected):
    assert str(find_published(text)) == expected


def test_a_photo_credit_names_no_partner():
    text = (
        "Hai Thủ tướng trao đổi tuyên bố nâng cấp quan hệ lên Đối tác chiến lược toàn diện"
        " - Ảnh: VGP/Nhật Bắc\nNgày 7/3/2024, Việt Nam và Australia nâng cấp quan hệ lên Đối tác"
        " chiến lược toàn diện."
    )
    ups = article(text).to_dict()["partner_upgrades"]
    assert [(u["partner"], u["level"]) for u in ups] == [("AUS", "comprehensive_strategic")]


def test_a_publication_month_header_resolves_its_own_month():
    text = " date 2017-12 Chủ tịch nước Lào thăm cấp Nhà nước Việt Nam từ ngày 19-21/12."
    published = find_published(text)
    (event,) = article(text, published).to_dict()["events"]
    assert (published.precision, event["date_resolved"]) == ("month", "2017-12-19")
