import pytest

import ngkt_analysis as ngkt
from ngkt_analysis.partners import alias_table, normalise_name


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("USA", "USA"),
        ("Mỹ", "USA"),
        ("Hoa Kỳ", "USA"),
        ("hoa  kỳ", "USA"),
        ("United States", "USA"),
        ("Úc", "AUS"),
        ("Australia", "AUS"),
        ("Ô-xtrây-li-a", "AUS"),
        ("Trung Quốc", "CHN"),
        ("Hàn Quốc", "KOR"),
        ("Nhật Bản", "JPN"),
        ("Campuchia", "KHM"),
        ("Liên bang Nga", "RUS"),
        ("Ấn Độ", "IND"),
        ("EU", "EUU"),
        ("ASEAN", "ASEAN"),
    ],
)
def test_resolve_partner_real_aliases(name, iso3):
    assert ngkt.resolve_partner(name) == iso3


def test_resolve_partner_decomposed_unicode():
    decomposed = "Hoa Ky\u0300"  # 'ỳ' written with a combining grave accent
    assert ngkt.resolve_partner(decomposed) == "USA"


def test_unknown_partner_suggests_close_names():
    with pytest.raises(ngkt.PartnerError, match=r"unknown partner 'Hoa Kyy'.*Hoa Kỳ"):
        ngkt.resolve_partner("Hoa Kyy")


def test_unknown_partner_is_a_value_error():
    with pytest.raises(ValueError, match="expected an ISO3 code"):
        ngkt.resolve_partner("Atlantis")


def test_no_alias_points_to_two_partners():
    table = alias_table()
    clashes = table.groupby("key")["iso3"].nunique()
    assert clashes[clashes > 1].to_dict() == {}


def test_partner_name_in_both_languages():
    assert ngkt.partner_name("KOR", "vi") == "Hàn Quốc"
    assert ngkt.partner_name("AUS", "en") == "Australia"
    with pytest.raises(ngkt.PartnerError):
        ngkt.partner_name("ZZZ")


def test_normalise_name_collapses_case_and_space():
    assert normalise_name(" VIỆT   Nam ") == "việt nam"
