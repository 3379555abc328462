import json

import pandas as pd
import pytest

from ngkt_analysis.errors import ExtractInputError, ParameterError
from ngkt_analysis.extract.run import run_extract

TEXT = "Chiều 2-4-2024, Thủ tướng Chính phủ Phạm Minh Chính chủ trì hội nghị với gần 60 hoạt động."


def test_jsonl_in_gold_shape(tmp_path):
    src = tmp_path / "articles.jsonl"
    src.write_text(
        json.dumps({"id": "x1", "text": TEXT, "published": "2024-04-03"}, ensure_ascii=False)
        + "\n\n"
        + json.dumps({"id": "x2", "text": "Sáng 21/12, khai mạc diễn đàn."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert run_extract([str(src)], None, "jsonl", str(out)) == 2
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [ln["id"] for ln in lines] == ["x1", "x2"]
    assert set(lines[0]) == {"id", "events", "figures", "partner_upgrades", "persons", "documents"}
    assert lines[0]["events"][0]["date"] == "2024-04-02"
    assert lines[1]["events"][0]["date_resolved"] is None


def test_csv_tables_from_folder(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT.replace("\n", "\r\n"), encoding="utf-8")
    assert run_extract([str(tmp_path / "in")], "2024-04-03", "csv", str(tmp_path / "out")) == 1
    figs = pd.read_csv(tmp_path / "out" / "figures.csv")
    assert figs[["article_id", "value", "qualifier"]].to_numpy().tolist() == [["a", 60.0, "gần"]]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "documents.csv",
        "events.csv",
        "figures.csv",
        "partner_upgrades.csv",
        "persons.csv",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json\n", r"line 1: invalid JSON"),
        ('{"id": 1}\n', r'line 1: missing "id" or string "text"'),
        ('{"id": 1, "text": "x", "published": "3/4/2024"}\n', r"line 1: bad published date"),
    ],
)
def test_bad_jsonl_lines(tmp_path, content, message):
    src = tmp_path / "bad.jsonl"
    src.write_text(content, encoding="utf-8")
    with pytest.raises(ExtractInputError, match=message):
        run_extract([str(src)], None, "jsonl", str(tmp_path / "o.jsonl"))
    assert not (tmp_path / "o.jsonl").exists()


def test_bad_arguments(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    with pytest.raises(ParameterError, match="parameter 'fmt': got 'xml'; allowed: csv or jsonl"):
        run_extract([str(tmp_path / "a.txt")], None, "xml", None)
    with pytest.raises(ParameterError, match="parameter 'published': got 'yesterday'"):
        run_extract([str(tmp_path / "a.txt")], "yesterday", "jsonl", None)
    with pytest.raises(ExtractInputError, match="no such file"):
        run_extract([str(tmp_path / "missing.txt")], None, "jsonl", None)
    (tmp_path / "latin1.txt").write_bytes("Hà Nội".encode("latin-1", "replace") + b"\xff")
    with pytest.raises(ExtractInputError, match="not UTF-8"):
        run_extract([str(tmp_path / "latin1.txt")], None, "jsonl", None)


def test_a_partial_publication_date_resolves_to_the_precision_it_allows(tmp_path):
    src = tmp_path / "partial.jsonl"
    text = "Sáng 21/3, khai mạc hội nghị. Ngày 20/7, Thủ tướng tiếp Đại sứ. Ngày 5/9, ký kết."
    src.write_text(
        json.dumps({"id": "p", "text": text, "published": "2022-07"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert run_extract([str(src)], None, "jsonl", str(out)) == 1
    events = json.loads(out.read_text(encoding="utf-8"))["events"]
    resolved = {e["date_raw"]: e["date_resolved"] for e in events}
    assert resolved["Sáng 21/3"] == "2022-03-21"  # before July: the same year
    assert resolved["Ngày 5/9"] == "2021-09-05"  # after July, not future: the year before
    # July itself: reported in July, so past or coming, it is this July
    assert resolved["Ngày 20/7"] == "2022-07-20"
    # a bad partial date is still refused, naming the line
    src.write_text('{"id": "q", "text": "x", "published": "2022-13"}\n', encoding="utf-8")
    with pytest.raises(ExtractInputError, match="line 1: bad published date"):
        run_extract([str(src)], None, "jsonl", str(out))
