import csv
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures" / "extract"
# the five seed articles ship with the package (news_digest samples); their gold is a fixture
SEEDS = Path(__file__).resolve().parents[2] / "ngkt_analysis" / "extract" / "samples"
SEED_GOLD = FIXTURES / "seeds" / "gold.jsonl"


def table(name: str) -> list[dict[str, str]]:
    """Rows of a fixture TSV (empty cells are empty strings; short rows are padded)."""
    with open(FIXTURES / name, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        return [
            dict(zip(header, row + [""] * (len(header) - len(row)), strict=True)) for row in reader
        ]
