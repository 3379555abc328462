"""Date scanning near digits finds exactly what a scan of every position finds."""

import pytest

from ngkt_analysis.extract.dates import _DATE, _date_matches, find_dates

TEXTS = [
    "Sáng 21/12, tại Hà Nội; từ đầu giờ chiều ngày 3/9/2021 đến tháng 4/2…",
    "Từ ngày 30/10 - 03/11/2017, đoàn; rạng sáng ngày 26-10 (giờ địa phương)",
    "xếp thứ 2/50, 1.234,5 tỷ đồng, (7/2019), năm 2015, ngày 09 tháng 6 năm 2021",
    "tu  chieu   toi\nngay 5-6-2024 va thang 12 nam 1999, x12/12, -3/4, 30/3/1973-30/3/2018",
    "",
    "12",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("bounds", [(0, None), (3, None), (0, -2)])
def test_scanning_near_digits_matches_a_full_scan(text, bounds):
    start, cut = bounds
    start = min(start, len(text))
    stop = len(text) if cut is None else max(0, len(text) + cut)
    full = [(m.span(), m.group()) for m in _DATE.finditer(text, start, stop)]
    near = [(m.span(), m.group()) for m in _date_matches(text, start, stop)]
    assert near == full


def test_a_date_after_six_words_of_prefix():
    (d,) = find_dates("hôm đó, từ đầu giờ chiều ngày 3/9/2021, hai bên")
    assert (d.raw, d.date) == ("từ đầu giờ chiều ngày 3/9/2021", "2021-09-03")
