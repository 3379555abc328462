"""Person rules (guidelines §5): foreign names, names inside place names, one record a person."""

import pytest

from ngkt_analysis.extract import article


def _persons(text: str) -> list[tuple[str, str]]:
    return [(p["name"], p["role"]) for p in article(text).to_dict()["persons"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tổng thống nước Cộng hòa Liên bang Brazil Luiz Inácio Lula da Silva sẽ thăm Việt Nam.",
            [("Luiz Inácio Lula da Silva", "Tổng thống nước Cộng hòa Liên bang Brazil")],
        ),
        (
            "Thủ tướng Malaysia Anwar bin Ibrahim phát biểu.",
            [("Anwar bin Ibrahim", "Thủ tướng Malaysia")],
        ),
        # "do" is Vietnamese ("by"), not a particle of the name
        (
            "Tổng thống Brazil Lula do Thủ tướng đón.",
            [("Lula", "Tổng thống Brazil")],
        ),
        (
            "Chủ tịch Hội đồng châu Âu António Costa phát biểu.",
            [("António Costa", "Chủ tịch Hội đồng châu Âu")],
        ),
        (
            "Chủ tịch Ủy ban châu Âu Ursula von der Leyen phát biểu.",
            [("Ursula von der Leyen", "Chủ tịch Ủy ban châu Âu")],
        ),
    ],
)
def test_foreign_names(text, expected):
    assert _persons(text) == expected


def test_names_inside_place_names_are_not_persons():
    text = (
        "Cùng dự có các đồng chí: Nguyễn Xuân Thắng, Giám đốc Học viện Chính trị quốc gia Hồ Chí"
        " Minh; Nguyễn Văn Nên, Bí thư Thành ủy Thành phố Hồ Chí Minh; Đinh Tiến Dũng, Bí thư"
        " Thành ủy Hà Nội."
    )
    assert _persons(text) == [
        ("Nguyễn Xuân Thắng", "Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh"),
        ("Nguyễn Văn Nên", "Bí thư Thành ủy Thành phố Hồ Chí Minh"),
        ("Đinh Tiến Dũng", "Bí thư Thành ủy Hà Nội"),
    ]


def test_a_name_after_the_pacific_is_the_persons_own():
    text = "Tổng thư ký Diễn đàn châu Á - Thái Bình Dương Nguyễn Văn An phát biểu."
    assert [name for name, _ in _persons(text)] == ["Nguyễn Văn An"]


def test_a_role_runs_over_a_hard_wrapped_line():
    text = "Bộ trưởng Bộ Kinh tế và Công\nnghiệp Israel Nir Barkat đã ký Hiệp định."
    assert _persons(text) == [("Nir Barkat", "Bộ trưởng Bộ Kinh tế và Công\nnghiệp Israel")]


def test_spellings_of_one_foreign_name_are_one_person():
    text = (
        "Chủ tịch Hội đồng châu Âu António Costa dự. Ảnh: Chủ tịch Hội đồng châu Âu Antonio"
        " Costa. Nhận lời mời, Chủ tịch Hội đồng châu Âu António"
    )
    assert _persons(text) == [("António Costa", "Chủ tịch Hội đồng châu Âu")]


def test_a_first_name_shared_by_two_people_stays_apart():
    text = "Tổng thống Mỹ Joe Biden gặp Thủ tướng Anh Joe Smith. Tổng thống Mỹ Joe phát biểu."
    assert [name for name, _ in _persons(text)] == ["Joe Biden", "Joe Smith", "Joe"]


def test_vietnamese_names_differing_in_diacritics_are_two_people():
    text = "Bộ trưởng Lê Văn Thành và Bộ trưởng Lê Văn Thanh dự."
    assert [name for name, _ in _persons(text)] == ["Lê Văn Thành", "Lê Văn Thanh"]


def test_an_initial_is_part_of_a_foreign_name_and_the_family_name_alone_is_the_same_person():
    text = (
        "Trong ngày 31/7, Phó Thủ tướng Phạm Bình Minh gặp Bộ trưởng Ngoại giao Nga S. Lavrov"
        " và Bộ trưởng Ngoại giao Na Uy E. Soreide. Ngoại trưởng Nga Lavrov cho biết hai bên"
        " sẽ tăng cường hợp tác."
    )
    people = {p["name"]: p["role"] for p in article(text).to_dict()["persons"]}
    assert people["S. Lavrov"] == "Bộ trưởng Ngoại giao Nga"
    assert people["E. Soreide"] == "Bộ trưởng Ngoại giao Na Uy"
    assert "Lavrov" not in people  # one record per person


def test_a_head_of_state_of_an_unlisted_country_and_a_role_after_a_dash():
    text = (
        "Nhận lời mời của Tổng thống nước Cộng hòa Thống nhất Tanzania John Magufuli và Tổng"
        " thống nước Cộng hòa Hồi giáo Iran Hassan Rouhani, Chủ tịch nước sẽ thăm hai nước."
        " Ông Lê Hoài Trung-Thứ trưởng Bộ Ngoại giao nhận định: đây là chuyến thăm quan trọng."
    )
    people = dict(_persons(text))
    assert people["John Magufuli"] == "Tổng thống nước Cộng hòa Thống nhất Tanzania"
    assert people["Hassan Rouhani"] == "Tổng thống nước Cộng hòa Hồi giáo Iran"
    assert people["Lê Hoài Trung"] == "Thứ trưởng Bộ Ngoại giao"


def test_after_phu_nhan_the_title_and_name_are_the_officials():
    text = (
        "Đoàn do bà Vũ Thị Bích Ngọc, phu nhân Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn làm"
        " Trưởng đoàn."
    )
    assert ("Bùi Thanh Sơn", "Bộ trưởng Bộ Ngoại giao") in _persons(text)


def test_transcribed_names_acronyms_and_one_person_across_hyphenation():
    text = (
        "Thủ tướng tiếp Đại sứ đặc mệnh toàn quyền Thụy Điển tại Việt Nam Ca-mi-la Mê-lan-đe."
        " Giám đốc Điều hành WEF Stephan Mergenthaler phát biểu. Tổng thống Hàn Quốc Yoon"
        " Suk Yeol cảm ơn. Tổng thống Yoon Suk-yeol nhấn mạnh hợp tác."
    )
    people = _persons(text)
    assert ("Ca-mi-la Mê-lan-đe", "Đại sứ đặc mệnh toàn quyền Thụy Điển tại Việt Nam") in people
    assert ("Stephan Mergenthaler", "Giám đốc Điều hành WEF") in people
    assert [name for name, _ in people].count("Yoon Suk Yeol") == 1
    assert "Yoon Suk-yeol" not in [name for name, _ in people]
