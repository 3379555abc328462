import pytest

from ngkt_analysis.extract.numbers import CURRENCIES, SCALES, amount, currency_code


@pytest.mark.parametrize(
    ("number", "scale", "value"),
    [
        ("15,4", "tỷ", 15.4e9),
        ("2", "nghìn tỉ", 2e12),  # read from resources/scales.tsv (was missing from the code)
        ("700", "triệu", 7e8),
        ("1.234,5", None, 1234.5),
    ],
)
def test_amounts_use_the_scale_resource(number, scale, value):
    assert amount(number, scale) == pytest.approx(value)


def test_currencies_come_from_the_resource_file():
    assert currency_code("đô la Mỹ") == "USD" and currency_code("Nhân dân tệ") == "CNY"
    assert set(CURRENCIES.values()) == {"USD", "VND", "JPY", "EUR", "CNY", "KRW", "GBP"}
    assert SCALES["ty"] == 1e9
