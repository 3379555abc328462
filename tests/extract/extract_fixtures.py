import csv
from pathlib import Path

FIXTURES = Path(__file__).parent.parent / "fixtures" / "extract"
SEEDS = (
    Path(__file__).resolve().parents[1] / "fixtures" / "extract" / "seeds"
)  # copy of ../shared/seeds


def table(name: str) -> list[dict[str, str]]:
    """Rows of a fixture TSV (empty cells are empty strings; short rows are padded)."""
    with open(FIXTURES / name, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        return [
            dict(zip(header, row + [""] * (len(header) - len(row)), strict=True)) for row in reader
        ]
