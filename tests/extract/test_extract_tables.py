"""Table-driven cases for dates, figures (numbers, qualifiers), persons and documents."""

import math

import pytest
from extract_fixtures import table

from ngkt_analysis.extract import article
from ngkt_analysis.extract.context import Context
from ngkt_analysis.extract.dates import find_dates
from ngkt_analysis.extract.documents import find_documents
from ngkt_analysis.extract.figures import find_figures
from ngkt_analysis.extract.persons import find_persons


def _int(s: str) -> int | None:
    return int(s) if s else None


@pytest.mark.parametrize("row", table("dates.tsv"), ids=lambda r: r["text"])
def test_dates(row):
    found = find_dates(row["text"])
    if not row["raw"]:
        assert found == []
        return
    d = found[0]
    assert (d.raw, d.year, d.month, d.day, d.precision, d.end_day) == (
        row["raw"],
        _int(row["year"]),
        _int(row["month"]),
        _int(row["day"]),
        row["precision"],
        _int(row["end_day"]),
    )


@pytest.mark.parametrize("row", table("figures.tsv"), ids=lambda r: r["text"] + "|" + r["raw"])
def test_figures(row):
    found = find_figures(Context(row["text"]))
    if not row["raw"]:
        assert found == []
        return
    f = next(f for f in found if f["raw"] == row["raw"])
    assert math.isclose(f["value"], float(row["value"]))
    assert f["unit"] == row["unit"]
    assert f["qualifier"] == (row["qualifier"] or None)
    if row["indicator"]:
        assert f["indicator"] == row["indicator"]
    assert f["measure"] == row["measure"]
    assert f["year"] == _int(row["year"])
    assert f["partner"] == (row["partner"] or None)


@pytest.mark.parametrize("row", table("persons.tsv"), ids=lambda r: r["text"])
def test_persons(row):
    found = find_persons(Context(row["text"]))
    if not row["name"]:
        assert found == []
        return
    p = next(p for p in found if p["name"] == row["name"])
    assert p["role"] == row["role"]
    assert p["roles"] == row["roles"].split(";")


@pytest.mark.parametrize("row", table("documents.tsv"), ids=lambda r: r["text"])
def test_documents(row):
    found = find_documents(Context(row["text"]))
    if not row["kind"]:
        assert found == []
        return
    (d,) = found
    assert (d["kind"], d["number"], d["date"] or "", d["issuer"] or "") == (
        row["kind"],
        row["number"],
        row["date"],
        row["issuer"],
    )


def test_directive_is_an_event_and_a_document():
    r = article(
        "Thực hiện Chỉ thị số 15-CT/TW ngày 10/8/2022 của Ban Bí thư về ngoại giao kinh tế."
    )
    assert r.events[["date", "event_type"]].values.tolist() == [["2022-08-10", "directive"]]
    assert r.documents["number"].tolist() == ["15-CT/TW"]


def test_upgrades_four_partners_and_dated_list():
    r = article(
        "Chỉ riêng từ cuối năm 2023 đến nay đã nâng tầm, nâng cấp quan hệ đối tác lên đối tác "
        "chiến lược toàn diện với bốn đối tác lớn là Mỹ, Trung Quốc, Nhật Bản, Australia."
    )
    assert r.partner_upgrades["partner"].tolist() == ["USA", "CHN", "JPN", "AUS"]
    assert set(r.partner_upgrades["level"]) == {"comprehensive_strategic"}
    assert r.partner_upgrades["date"].isna().all()
    listed = article("Đối tác chiến lược toàn diện: Trung Quốc (5/2008), Nga (7/2012).")
    assert listed.partner_upgrades[["partner", "date"]].values.tolist() == [
        ["CHN", "2008-05"],
        ["RUS", "2012-07"],
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hai bên mong muốn sớm nâng cấp quan hệ với Pháp lên Đối tác chiến lược toàn diện.",
        "Nhật Bản là Đối tác chiến lược sâu rộng của Việt Nam.",
    ],
)
def test_not_upgrades(text):
    assert article(text).partner_upgrades.empty


def test_hai_nuoc_resolves_to_previous_sentence():
    r = article(
        "Tổng thống Joe Biden thăm Hoa Kỳ và Việt Nam. Hai nước nâng cấp quan hệ lên Đối tác "
        "chiến lược toàn diện."
    )
    assert r.partner_upgrades["partner"].tolist() == ["USA"]


def test_published_resolves_year_and_future():
    r = article(
        "Sáng 21/12, Bộ Ngoại giao tổ chức hội nghị. Dự kiến ngày 5/6, Thủ tướng sẽ thăm Nhật Bản.",
        published="2024-04-03",
    )
    got = r.events[["date_raw", "date", "date_resolved", "event_type", "location"]].values.tolist()
    assert got == [
        ["Sáng 21/12", None, "2023-12-21", "conference", None],
        ["ngày 5/6", None, "2024-06-05", "visit", "Nhật Bản"],
    ]
