from __future__ import annotations

import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.text import (
    _name_key_general,
    detect_legacy_encoding,
    is_nfc,
    loose_key,
    name_key,
    nfc,
    roman,
    sort_key,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
BREVE, CIRCUMFLEX, HORN = "\u0306", "\u0302", "\u031b"
TONES = ["", GRAVE, HOOK, TILDE, ACUTE, DOT]

# Every lowercase Vietnamese vowel with every tone, plus đ: built by composition so the list
# does not depend on typing 134 letters correctly.
VOWELS = ["a", "a" + BREVE, "a" + CIRCUMFLEX, "e", "e" + CIRCUMFLEX, "i", "o"]
VOWELS += ["o" + CIRCUMFLEX, "o" + HORN, "u", "u" + HORN, "y"]
VIETNAMESE_LETTERS = sorted(
    {nfc(v + t) for v in VOWELS for t in TONES} | set("bcdghklmnpqrstvx") | {"đ"}
)
assert len(VIETNAMESE_LETTERS) == 12 * 6 + 16 + 1

# --- real legacy bytes --------------------------------------------------------------------

# TCVN3 (ABC, .VnTime fonts): one byte per lowercase letter with its tone and seven capitals.
TCVN3_CODES = {
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}  # fmt: skip


def encode_tcvn3(text: str) -> bytes:
    out = bytearray()
    for ch in nfc(text):
        if ch.isascii():
            out.append(ord(ch))
        elif ch in TCVN3_CODES:
            out.append(TCVN3_CODES[ch])
        elif ch.lower() in TCVN3_CODES:
            # No capital has a code of its own: a ".VnTimeH" font draws the lowercase code as one.
            out.append(TCVN3_CODES[ch.lower()])
        else:
            out.extend(ch.encode("cp1252"))
    return bytes(out)


# VNI-Windows: base letter then a modifier byte; capitals take the modifier's code minus 0x20.
VNI_TONE = {ACUTE: 0xF9, GRAVE: 0xF8, HOOK: 0xFB, TILDE: 0xF5, DOT: 0xEF}
VNI_CIRCUMFLEX = {"": 0xE2, ACUTE: 0xE1, GRAVE: 0xE0, HOOK: 0xE5, TILDE: 0xE3, DOT: 0xE4}
VNI_BREVE = {"": 0xEA, ACUTE: 0xE9, GRAVE: 0xE8, HOOK: 0xFA, TILDE: 0xFC, DOT: 0xEB}
VNI_I = {ACUTE: 0xED, GRAVE: 0xEC, HOOK: 0xE6, TILDE: 0xF3, DOT: 0xF2}
VNI_HORN = {"o": 0xF4, "u": 0xF6}


def encode_vni(text: str) -> bytes:
    out = bytearray()
    for ch in nfc(text):
        if ch.isascii():
            out.append(ord(ch))
        elif ch in "đĐ":
            out.append(0xF1 if ch == "đ" else 0xD1)
        elif not ch.isalpha():
            out.extend(ch.encode("cp1252"))
        else:
            base, *marks = nfd(ch)
            shift = 0x20 if base.isupper() else 0
            tone = next((m for m in marks if m in VNI_TONE), "")
            if HORN in marks:
                out.append(VNI_HORN[base.lower()] - shift)
                if tone:
                    out.append(VNI_TONE[tone] - shift)
            elif CIRCUMFLEX in marks:
                out.extend([ord(base), VNI_CIRCUMFLEX[tone] - shift])
            elif BREVE in marks:
                out.extend([ord(base), VNI_BREVE[tone] - shift])
            elif base.lower() == "i":
                out.append(VNI_I[tone] - shift)
            elif base.lower() == "y" and tone == DOT:
                out.append(0xEE - shift)
            else:
                out.extend([ord(base), VNI_TONE[tone] - shift])
    return bytes(out)


def as_tcvn3(text: str) -> str:
    return encode_tcvn3(text).decode("cp1252")


def as_vni(text: str) -> str:
    return encode_vni(text).decode("cp1252")


SEED_LINES = [
    "PHỤ LỤC 4",
    "CÁC ĐỀ ÁN, NHIỆM VỤ TRỌNG TÂM VỀ CẢI CÁCH HÀNH CHÍNH ĐẾN NĂM 2025",
    "(Kèm theo Đề án CCHC đến năm 2025)",
    "Tên Đề án, nhiệm vụ trọng tâm",
    "Thời gian hoàn thành (quý/năm)",
    "Công tác chỉ đạo điều hành",
    "Sở, ban, ngành; UBND cấp huyện, cấp xã",
    "Đề án hoàn thiện hệ thống văn bản quy phạm pháp luật của địa phương",
    "Triển khai Đề án “Phân cấp trong giải quyết thủ tục hành chính” trên địa bàn tỉnh Hà Tĩnh",
    "Sở Tư pháp; Công an tỉnh; Cục Thuế tỉnh; Bảo hiểm Xã hội tỉnh",
    "Văn phòng UBND tỉnh, Sở, ban, ngành; UBND cấp huyện, cấp xã",
    "Thực hiện theo lộ trình Đề án của Trung ương",
    "Triển khai Đề án “Đo lường sự hài lòng của người dân đối với dịch vụ y tế công”",
    "Sở Giáo dục và Đào tạo",
    "Đề án sắp xếp thôn, tổ dân phố giai đoạn 2022 - 2025, định hướng đến năm 2030",
    "Nếu Trung ương chỉ đạo sớm hơn thì thực hiện theo lộ trình của Trung ương",
]

UNICODE_PHRASES = [
    *SEED_LINES,
    "Sở Nội vụ",
    "Uỷ ban nhân dân tỉnh Hà Tĩnh",
    "Ủy ban nhân dân tỉnh Hà Tĩnh",
    "Cà Mau, Tây Ninh, Trà Vinh, Kiên Giang, Yên Bái, Lào Cai, Hà Giang",
    "Ý kiến góp ý của công dân về thủ tục hành chính",
    "Công tác tổ chức cán bộ; tiếp công dân; xử lý đơn thư",
    "Quý I/2022, Quí IV-2025, Tháng 06/2026, Trước ngày 30/11/2025",
    "Thường xuyên, hằng năm",
    "Dữ liệu tính đến ngày 07/11/2025",
    "hoàn thành 23 nhiệm vụ; 07 nhiệm vụ chưa đáp ứng tiến độ; 01 nhiệm vụ chưa đến hạn",
    "Hà Tĩnh, ngày 05 tháng 02 năm 2023",
    "Hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001:2015",
    "© 2025 Sở Thông tin và Truyền thông tỉnh Hà Tĩnh",
    nfd("Sở Nội vụ tỉnh Hà Tĩnh; Văn phòng UBND tỉnh"),
]

NOT_VIETNAMESE = [
    "The quick brown fox jumps over the lazy dog",
    "ISO 9001:2015",
    "Copyright © 2024 Example Ltd. All rights reserved.",
    "café, naïve, Müller, résumé, São Paulo, señor, Ångström, déjà vu",
    "Độ dày lớp phủ 10 µm",
    "Nhiệt độ 25 °C ± 2; diện tích 100 m²; ½ ngày",
    "",
    "   ",
]

LEGACY_PHRASES = [
    "Sở Nội vụ",
    "Uỷ ban nhân dân tỉnh Hà Tĩnh",
    "Cải cách hành chính",
    "Sở Khoa học và Công nghệ",
    "Sở Tư pháp",
    "Thực hiện theo lộ trình Đề án của Trung ương",
    "Đo lường sự hài lòng của người dân đối với dịch vụ y tế công",
    "Báo cáo kết quả công tác cải cách hành chính quý I năm 2025",
    "Văn phòng UBND tỉnh",
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
]


class TestLegacyBytes:
    """The test encoders reproduce the real bytes, so the samples below are genuine."""

    def test_tcvn3_bytes(self) -> None:
        assert encode_tcvn3("Sở Nội vụ") == b"S\xeb N\xe9i v\xf4"
        assert as_tcvn3("Sở Nội vụ") == "Së Néi vô"
        assert as_tcvn3("Uỷ ban nhân dân") == "Uû ban nh©n d©n"
        assert as_tcvn3("Cải cách hành chính") == "C¶i c¸ch hµnh chÝnh"
        assert as_tcvn3("Đề án") == "§Ò ¸n"
        # TCVN3 puts "ư" on 0xAD, the soft hyphen of cp1252.
        assert as_tcvn3("Tư pháp") == "T\xad ph¸p"

    def test_vni_bytes(self) -> None:
        assert encode_vni("Sở Nội vụ") == b"S\xf4\xfb No\xe4i vu\xef"
        assert as_vni("Sở Nội vụ") == "Sôû Noäi vuï"
        assert as_vni("Cải cách hành chính") == "Caûi caùch haønh chính"
        assert as_vni("Ủy ban nhân dân") == "UÛy ban nhaân daân"
        assert as_vni("Văn phòng tỉnh") == "Vaên phoøng tænh"
        assert as_vni("người được") == "ngöôøi ñöôïc"
        assert as_vni("ĐỀ ÁN") == "ÑEÀ AÙN"

    def test_legacy_text_reads_the_same_as_latin1(self) -> None:
        for phrase in LEGACY_PHRASES:
            assert encode_tcvn3(phrase).decode("latin-1") == as_tcvn3(phrase)
            assert encode_vni(phrase).decode("latin-1") == as_vni(phrase)


# --- nfc ----------------------------------------------------------------------------------


def test_nfc_and_is_nfc() -> None:
    composed = "Sở Nội vụ"
    decomposed = nfd(composed)
    assert len(composed) == 9
    assert len(decomposed) == 14
    assert nfc(decomposed) == composed
    assert is_nfc(composed)
    assert not is_nfc(decomposed)
    assert is_nfc(nfc(decomposed))
    assert is_nfc("plain ascii")


@given(st.text())
def test_nfc_is_normalised_and_idempotent(s: str) -> None:
    assert is_nfc(nfc(s))
    assert nfc(nfc(s)) == nfc(s)
    assert nfc(nfd(s)) == nfc(s)


# --- name_key -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Sở Nội vụ", nfd("Sở Nội vụ")),
        ("Sở Nội vụ", "SỞ NỘI VỤ"),
        ("Sở Nội vụ", "sở nội vụ"),
        ("Sở Nội vụ", "Sở Nội Vụ"),
        ("Sở Nội vụ", "  Sở   Nội\tvụ \n"),
        ("Sở Nội vụ", "Sở\u00a0Nội vụ"),
        ("Sở KH&CN", "Sở KH và CN"),
        ("Sở KH&CN", "Sở KH & CN"),
        ("Sở TT&TT", "sở tt VÀ tt"),
        ("Sở Giáo dục và Đào tạo", "Sở Giáo dục & Đào tạo"),
        ("Lao động – Thương binh và Xã hội", "Lao động - Thương binh và Xã hội"),
        ("Lao động – Thương binh và Xã hội", "Lao động-Thương binh & Xã hội"),
        ("Lao động – Thương binh và Xã hội", "Lao động — Thương binh và Xã hội"),
        ("Lao động – Thương binh và Xã hội", "Lao động\u2010Thương binh và Xã hội"),
        ("Đài Phát thanh - Truyền hình", "Đài Phát thanh – Truyền hình"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("UỶ BAN", "ỦY BAN"),
        ("hoà", "hòa"),
        ("Hoà Bình", "Hòa Bình"),
        ("thuỷ lợi", "thủy lợi"),
        ("khoẻ", "khỏe"),
        ("hoá", "hóa"),
        ("Uỷ ban", nfd("Ủy ban")),
        ("Quý", "QUÝ"),
    ],
)
def test_name_key_equal(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Sở", "So"),
        ("Sở Nội vụ", "So Noi vu"),
        ("Đài", "Dài"),
        ("Đ", "D"),
        ("Quí", "Quý"),
        ("ăn", "ân"),
        ("Sở Nội vụ", "Sở Nội vũ"),
        ("hòa", "hóa"),
        ("Sở Tư pháp", "Sở Từ pháp"),
        ("Sở Y tế", "Sở Ý tế"),
        ("Sở KH&CN", "Sở KHCN"),
        ("Sở Nội vụ", "Sở Nội vụ tỉnh"),
        ("Lao động - Thương binh", "Lao động Thương binh"),
    ],
)
def test_name_key_different(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_name_key_shape() -> None:
    assert name_key("  Sở   KH&CN ") == "sở kh & cn"
    assert name_key("UBND  tỉnh") == name_key("ubnd tỉnh")
    assert name_key("VP - UBND") == "vp-ubnd"
    assert name_key("") == ""
    assert name_key(" \t ") == ""


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_name_key_ascii_fast_path_matches_general_path(s: str) -> None:
    assert name_key(s) == _name_key_general(s)


@given(st.text())
@settings(max_examples=500)
def test_name_key_invariant_under_form_and_case(s: str) -> None:
    key = name_key(s)
    assert isinstance(key, str)
    assert key == name_key(nfd(s))
    assert key == name_key(nfc(s))
    assert key == name_key(s.upper())


def test_name_key_invariant_where_case_mapping_moves_marks() -> None:
    # U+0345 (ypogegrammeni) upper-cases to a letter but decomposes after other marks: the key
    # must not depend on which of the two happened first.
    for s in ["\u03b1\u0345\u0308", "\u03b1\u0345\u0301", "ı", "ǰ", "ß", "ﬁ", "İstanbul"]:
        assert name_key(s) == name_key(nfd(s)) == name_key(s.upper())
        assert loose_key(s) == loose_key(nfd(s)) == loose_key(s.upper())


@given(st.text())
@settings(max_examples=500)
def test_loose_key_invariant_under_form_and_case(s: str) -> None:
    key = loose_key(s)
    assert key == loose_key(nfd(s))
    assert key == loose_key(nfc(s))
    assert key == loose_key(s.upper())


vietnamese_text = st.text(
    alphabet=st.sampled_from(
        VIETNAMESE_LETTERS
        + [c.upper() for c in VIETNAMESE_LETTERS]
        + list("  \t-–—&.,;()0123456789fjwz")
    ),
    max_size=40,
)


@given(vietnamese_text)
def test_vietnamese_text_keys(s: str) -> None:
    assert name_key(s) == name_key(nfd(s)) == name_key(s.upper()) == name_key(s.lower())
    stripped = nfc("".join(ch for ch in nfd(s) if not unicodedata.combining(ch)))
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    assert loose_key(s) == loose_key(stripped) == loose_key(stripped.lower())


# Pairs of spellings people use for the same syllable or separator.
SAME_TOKEN: list[tuple[str, ...]] = [
    ("hoà", "hòa", "HOÀ", "Hòa", nfd("hoà")),
    ("Uỷ", "Ủy", "UỶ", "uỷ", nfd("Ủy")),
    ("thuỷ", "thủy", "THỦY"),
    ("khoẻ", "khỏe"),
    ("Sở", "sở", "SỞ", nfd("Sở")),
    ("Nội", "nội", "NỘI"),
    ("vụ", "Vụ", "VỤ"),
    ("Đào", "đào", "ĐÀO"),
    ("Quý", "quý", "QUÝ"),
    ("Quí", "quí"),
    ("KH", "kh", "Kh"),
    ("ban", "Ban", "BAN"),
]
SAME_SEPARATOR: list[tuple[str, ...]] = [
    (" ", "  ", "\t", " \u00a0 "),
    ("-", " - ", "–", " — ", "\u2011"),
    ("&", " & ", " và ", " VÀ ", "  và\t"),
]


@st.composite
def same_name_pairs(draw: st.DrawFn) -> tuple[str, str]:
    size = draw(st.integers(1, 6))
    tokens = [draw(st.sampled_from(SAME_TOKEN)) for _ in range(size)]
    separators = [draw(st.sampled_from(SAME_SEPARATOR)) for _ in range(size - 1)]

    def render() -> str:
        parts = [draw(st.sampled_from(tokens[0]))]
        for separator, token in zip(separators, tokens[1:], strict=True):
            parts += [draw(st.sampled_from(separator)), draw(st.sampled_from(token))]
        padding = draw(st.sampled_from(["", " ", "\n "]))
        return padding + "".join(parts) + padding

    return render(), render()


@given(same_name_pairs())
def test_same_name_spellings_share_keys(pair: tuple[str, str]) -> None:
    a, b = pair
    assert name_key(a) == name_key(b)
    assert loose_key(a) == loose_key(b)


@given(st.one_of(same_name_pairs(), st.tuples(st.text(), st.text())))
def test_equal_name_keys_give_equal_loose_keys(pair: tuple[str, str]) -> None:
    a, b = pair
    if name_key(a) == name_key(b):
        assert loose_key(a) == loose_key(b)


@given(st.text())
def test_equal_name_keys_give_equal_loose_keys_for_variants(s: str) -> None:
    for variant in (nfd(s), s.upper(), f"  {s} ", s.replace(" ", "\t")):
        if name_key(variant) == name_key(s):
            assert loose_key(variant) == loose_key(s)


def test_name_key_is_cached() -> None:
    name_key.cache_clear()
    name_key("Sở Nội vụ")
    name_key("Sở Nội vụ")
    info = name_key.cache_info()
    assert info.hits >= 1
    assert info.maxsize == 4096


# --- loose_key ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Sở Nội vụ", "so noi vu"),
        ("Sở Nội vụ", "SỞ NỘI VỤ"),
        ("Sở Nội vụ", nfd("Sở Nội Vụ")),
        ("Sở Nội vụ", "So  Noi-Vu".replace("-", " ")),
        ("Đài Phát thanh – Truyền hình", "dai phat thanh - truyen hinh"),
        ("Sở KH&CN", "so kh va cn"),
        ("Sở Giáo dục và Đào tạo", "SO GIAO DUC & DAO TAO"),
        ("Uỷ ban nhân dân", "uy ban nhan dan"),
        ("Đ", "d"),
    ],
)
def test_loose_key_equal(a: str, b: str) -> None:
    assert loose_key(a) == loose_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Sở Nội vụ", "Sở Ngoại vụ"),
        ("Sở Y tế", "Sở Tư pháp"),
        ("Sở KH&CN", "Sở KHCN"),
    ],
)
def test_loose_key_different(a: str, b: str) -> None:
    assert loose_key(a) != loose_key(b)


def test_loose_key_shape() -> None:
    assert loose_key("Sở Nội vụ") == "so noi vu"
    assert loose_key("Đài Phát thanh – Truyền hình") == "dai phat thanh-truyen hinh"
    assert loose_key("Sở TT&TT") == "so tt & tt"


# --- sort_key -----------------------------------------------------------------------------


def test_sort_example() -> None:
    names = ["Ủy ban", "Sở Y tế", "Đài", "Điện", "Dân", "Ăn", "An", "Ân", "Bình"]
    expected = ["An", "Ăn", "Ân", "Bình", "Dân", "Đài", "Điện", "Sở Y tế", "Ủy ban"]
    assert sorted(names, key=sort_key) == expected
    assert sorted(reversed(names), key=sort_key) == expected
    # Code-point order is the thing this fixes.
    assert sorted(names) != expected


def test_sort_alphabet() -> None:
    alphabet = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l"]
    alphabet += ["m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y"]
    alphabet += ["z"]
    shuffled = alphabet[:]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == alphabet
    upper = [letter.upper() for letter in shuffled]
    assert sorted(upper, key=sort_key) == [letter.upper() for letter in alphabet]


def test_sort_tones() -> None:
    assert sorted(["má", "mạ", "mã", "mà", "ma", "mả"], key=sort_key) == [
        "ma",
        "mà",
        "mả",
        "mã",
        "má",
        "mạ",
    ]
    # Letters decide before tones do.
    assert sorted(["mạ", "mb"], key=sort_key) == ["mạ", "mb"]
    assert sorted(["ơn", "ôn", "on", "ớn"], key=sort_key) == ["on", "ôn", "ơn", "ớn"]
    assert sorted(["vui", "ưu", "uống", "ừ"], key=sort_key) == ["uống", "ừ", "ưu", "vui"]


def test_sort_is_case_insensitive_first() -> None:
    assert sorted(["b", "A", "a", "B"], key=sort_key) == ["A", "a", "B", "b"]
    assert sorted(["Đ", "d", "D", "đ"], key=sort_key) == ["D", "d", "Đ", "đ"]
    assert sorted(["SỞ Y TẾ", "Sở Tư pháp"], key=sort_key) == ["Sở Tư pháp", "SỞ Y TẾ"]


def test_sort_agency_list() -> None:
    agencies = [
        "Văn phòng UBND tỉnh",
        "Sở Y tế",
        "Ủy ban nhân dân tỉnh",
        "Sở Tư pháp",
        "Đài Phát thanh - Truyền hình tỉnh",
        "Sở Tài chính",
        "Sở Nội vụ",
        "Công an tỉnh",
        "Sở Xây dựng",
        "Sở Giáo dục và Đào tạo",
        "Ban Quản lý Khu kinh tế tỉnh",
        "Sở Khoa học và Công nghệ",
        "Sở Công Thương",
    ]
    assert sorted(agencies, key=sort_key) == [
        "Ban Quản lý Khu kinh tế tỉnh",
        "Công an tỉnh",
        "Đài Phát thanh - Truyền hình tỉnh",
        "Sở Công Thương",
        "Sở Giáo dục và Đào tạo",
        "Sở Khoa học và Công nghệ",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Sở Tư pháp",
        "Sở Xây dựng",
        "Sở Y tế",
        "Ủy ban nhân dân tỉnh",
        "Văn phòng UBND tỉnh",
    ]


def test_sort_spaces_and_digits_before_letters() -> None:
    assert sorted(["ab", "a b", "a1"], key=sort_key) == ["a b", "a1", "ab"]


def test_sort_key_breaks_ties_with_the_string() -> None:
    assert sort_key("Hoà")[:2] == sort_key("Hòa")[:2]
    assert sort_key("Hoà") != sort_key("Hòa")
    assert sorted(["Hòa", "Hoà"], key=sort_key) == sorted(["Hoà", "Hòa"], key=sort_key)


@given(vietnamese_text)
def test_sort_key_ignores_form_and_case_before_the_tie_break(s: str) -> None:
    assert sort_key(s)[:2] == sort_key(nfd(s))[:2] == sort_key(s.upper())[:2]
    assert sort_key(s)[2] == s


@given(st.lists(st.text(), max_size=8))
def test_sort_key_is_total_on_any_text(names: list[str]) -> None:
    ordered = sorted(names, key=sort_key)
    assert sorted(ordered, key=sort_key) == ordered
    assert sorted(names, key=sort_key) == sorted(reversed(names), key=sort_key)


# --- detect_legacy_encoding -----------------------------------------------------------------


def test_examples_from_the_brief() -> None:
    assert detect_legacy_encoding("Së Néi vô") == "TCVN3"
    assert detect_legacy_encoding("Uû ban nh©n d©n") == "TCVN3"
    assert detect_legacy_encoding("C¶i c¸ch hµnh chÝnh") == "TCVN3"
    assert detect_legacy_encoding("Sôû Noäi vuï") == "VNI"
    assert detect_legacy_encoding("Caûi caùch haønh chính") == "VNI"
    assert detect_legacy_encoding("UÛy ban nhaân daân") == "VNI"


@pytest.mark.parametrize("phrase", LEGACY_PHRASES)
def test_detects_tcvn3(phrase: str) -> None:
    assert detect_legacy_encoding(as_tcvn3(phrase)) == "TCVN3"


@pytest.mark.parametrize("phrase", LEGACY_PHRASES)
def test_detects_vni(phrase: str) -> None:
    assert detect_legacy_encoding(as_vni(phrase)) == "VNI"


@pytest.mark.parametrize("phrase", UNICODE_PHRASES)
def test_unicode_vietnamese_is_not_legacy(phrase: str) -> None:
    assert detect_legacy_encoding(phrase) is None
    assert detect_legacy_encoding(nfd(phrase)) is None
    assert detect_legacy_encoding(phrase.upper()) is None


@pytest.mark.parametrize("text", NOT_VIETNAMESE)
def test_other_text_is_not_legacy(text: str) -> None:
    assert detect_legacy_encoding(text) is None


def test_whole_documents() -> None:
    document = "\n".join(UNICODE_PHRASES)
    assert detect_legacy_encoding(document) is None
    assert detect_legacy_encoding(as_tcvn3("\n".join(SEED_LINES))) == "TCVN3"
    assert detect_legacy_encoding(as_vni("\n".join(SEED_LINES))) == "VNI"


@pytest.mark.parametrize("line", [line for line in SEED_LINES if len(line.split()) >= 4])
def test_seed_lines_in_either_encoding(line: str) -> None:
    assert detect_legacy_encoding(as_tcvn3(line)) == "TCVN3"
    assert detect_legacy_encoding(as_vni(line)) == "VNI"


def test_legacy_paragraph_pasted_into_long_unicode_text() -> None:
    unicode_part = "\n".join(UNICODE_PHRASES * 5)
    pasted = as_tcvn3("Triển khai Đề án đo lường sự hài lòng của người dân đối với dịch vụ công")
    assert detect_legacy_encoding(unicode_part) is None
    assert detect_legacy_encoding(unicode_part + "\n" + pasted) == "TCVN3"
    pasted_vni = as_vni("Triển khai Đề án đo lường sự hài lòng của người dân đối với dịch vụ công")
    assert detect_legacy_encoding(unicode_part + "\n" + pasted_vni) == "VNI"


def test_a_single_stray_word_does_not_trigger() -> None:
    assert detect_legacy_encoding("Sở Nội vụ ©Copyright") is None
    assert detect_legacy_encoding("Báo cáo của Sở Nội vụ, bản ©") is None
    # One legacy word among Unicode ones is not enough; two are.
    assert detect_legacy_encoding("Báo cáo của " + as_tcvn3("Sở") + " Nội vụ") is None
    assert detect_legacy_encoding("Báo cáo của " + as_tcvn3("Sở Nội") + " vụ") == "TCVN3"


def test_ratio_threshold() -> None:
    legacy = as_tcvn3("Sở Nội vụ")  # three words, two of them telling
    assert detect_legacy_encoding(legacy + " " + "ban " * 5) == "TCVN3"  # 2 of 8
    assert detect_legacy_encoding(legacy + " " + "ban " * 8) is None  # 2 of 11


@given(st.text())
def test_detect_never_raises(s: str) -> None:
    assert detect_legacy_encoding(s) in (None, "TCVN3", "VNI")


@given(st.lists(st.sampled_from(" ".join(UNICODE_PHRASES).split()), min_size=1, max_size=30))
def test_shuffled_unicode_words_are_not_legacy(words: list[str]) -> None:
    assert detect_legacy_encoding(" ".join(words)) is None


@pytest.mark.parametrize(
    ("n", "numeral"),
    [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (99, "XCIX"), (3999, "MMMCMXCIX")],
)
def test_roman_numerals(n: int, numeral: str) -> None:
    assert roman(n) == numeral


@given(st.integers(1, 399))
def test_roman_reads_back_as_the_appendix_importer_reads_it(n: int) -> None:
    from cchc.appendix.convert import roman_value  # reads I … CCCXCIX, as tables print them

    assert roman_value(roman(n)) == n


@pytest.mark.parametrize("n", [0, -3, 4000])
def test_numbers_without_a_roman_numeral_stay_digits(n: int) -> None:
    assert roman(n) == str(n)
